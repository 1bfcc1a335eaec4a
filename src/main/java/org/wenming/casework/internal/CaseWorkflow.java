package org.wenming.casework.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.casework.CaseCategory;
import org.wenming.casework.CaseStatus;
import org.wenming.casework.CaseView;
import org.wenming.casework.Cases;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.casework.photo.PhotoStage;
import org.wenming.platform.InvalidInputException;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The workflow's steps after a report (立案, 派遣, 处置, 核查, 结案, 返工, 延期, 挂起, 重新打开, 合并, 督办).
 * Each step locks the case, refuses a stale version, works out who the person is for this case,
 * lets the case's own rules decide, and saves state, history and event in one transaction.
 */
@Service
public class CaseWorkflow {

	private static final Logger log = LoggerFactory.getLogger(CaseWorkflow.class);

	static final int REASON_MAX = 500;

	static final int NOTE_MAX = 1000;

	private final CaseRecords records;

	private final Cases cases;

	private final CalendarDays calendarDays;

	private final ResponsibleUnits units;

	private final WorkflowProperties properties;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final CasePhotos photos;

	CaseWorkflow(CaseRecords records, Cases cases, CalendarDays calendarDays, ResponsibleUnits units,
			WorkflowProperties properties, JdbcClient jdbc, TransactionTemplate transactions, Clock clock,
			CasePhotos photos) {
		this.photos = photos;
		this.records = records;
		this.cases = cases;
		this.calendarDays = calendarDays;
		this.units = units;
		this.properties = properties;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	public CaseView register(long id, int version, ScopedUser user) {
		return step(id, version, user, (c, a) -> c.register(a));
	}

	public CaseView reject(long id, int version, ScopedUser user, String reason) {
		String why = text("reason", reason, REASON_MAX);
		return step(id, version, user, (c, a) -> c.reject(a, why));
	}

	/** @param due the due time, or null for the category's deadline on the working-day calendar */
	public CaseView dispatch(long id, int version, ScopedUser user, Long unitId, Instant due) {
		if (unitId == null) {
			throw CaseRefusedException.invalid("unitId", "casework.unit.required");
		}
		ResponsibleUnits.Unit unit = units.find(unitId).filter(ResponsibleUnits.Unit::active)
				.orElseThrow(() -> CaseRefusedException.invalid("unitId", "casework.unit.unknown"));
		return step(id, version, user, (c, a) -> c.dispatch(a, unit.id(), unit.name(),
				due != null ? due : deadline(c.categoryCode, c.now)));
	}

	public CaseView accept(long id, int version, ScopedUser user) {
		return step(id, version, user, (c, a) -> c.accept(a));
	}

	/**
	 * 处置: the fix with its after-photos (already checked by content); photos and step are saved in
	 * one transaction, so a refused step stores no photo.
	 */
	public CaseView submitFix(long id, int version, ScopedUser user, String note, List<CasePhotos.CheckedPhoto> photos) {
		String text = text("note", note, NOTE_MAX);
		if (photos.size() > this.photos.maxPerStage()) {
			throw new InvalidInputException("photo", "casework.photo.tooMany");
		}
		return step(id, version, user, (c, a) -> c.submitFix(a, text, () -> photos.stream()
				.map(p -> this.photos.store(c.id, PhotoStage.AFTER, p, a.username()).id()).toList()));
	}

	public CaseView verify(long id, int version, ScopedUser user, String note) {
		String text = optionalText("note", note, NOTE_MAX);
		return step(id, version, user, (c, a) -> c.verify(a, text));
	}

	public CaseView returnForRework(long id, int version, ScopedUser user, String reason) {
		String why = text("reason", reason, REASON_MAX);
		return step(id, version, user, (c, a) -> c.returnForRework(a, why));
	}

	public CaseView requestExtension(long id, int version, ScopedUser user, Instant requestedDue, String reason) {
		String why = text("reason", reason, REASON_MAX);
		if (requestedDue == null) {
			throw CaseRefusedException.invalid("dueAt", "casework.dueAt.required");
		}
		return step(id, version, user, (c, a) -> {
			if (!requestedDue.isAfter(c.now)) {
				throw CaseRefusedException.invalid("dueAt", "casework.dueAt.past");
			}
			c.requestExtension(a, requestedDue, why);
			newApproval(c, "EXTENSION", a, why, requestedDue);
		});
	}

	public CaseView requestSuspension(long id, int version, ScopedUser user, String reason) {
		String why = text("reason", reason, REASON_MAX);
		return step(id, version, user, (c, a) -> {
			c.requestSuspension(a, why);
			newApproval(c, "SUSPENSION", a, why, null);
		});
	}

	/** Approves or declines a pending extension or suspension; a decided one is refused (409). */
	public CaseView decide(long id, int version, ScopedUser user, long approvalId, boolean approve, String reason) {
		String why = approve ? optionalText("reason", reason, REASON_MAX) : text("reason", reason, REASON_MAX);
		return step(id, version, user, (c, a) -> {
			Approvals.Approval approval = jdbc.sql("select * from case_approval where id = :id and case_id = :case for update")
					.param("id", approvalId).param("case", c.id).query(Approvals::approval).optional()
					.orElseThrow(() -> CaseRefusedException.invalid("approvalId", "casework.approval.unknown"));
			if (!"PENDING".equals(approval.status())) {
				throw CaseRefusedException.conflict("casework.approval.decided");
			}
			if (!approve) {
				c.declineApproval(a, approvalId, approval.kind(), why);
			}
			else if ("EXTENSION".equals(approval.kind())) {
				c.approveExtension(a, approvalId, approval.requestedDueAt().toInstant(), why);
			}
			else {
				c.approveSuspension(a, approvalId, why);
			}
			jdbc.sql("""
					update case_approval set status = :status, decided_by = :by, decided_at = :at, decision_reason = :reason
					where id = :id and status = 'PENDING'""")
					.param("status", approve ? "APPROVED" : "DECLINED").param("by", a.username())
					.param("at", Timestamp.from(c.now)).param("reason", why).param("id", approvalId).update();
		});
	}

	public CaseView resume(long id, int version, ScopedUser user, String reason) {
		String why = optionalText("reason", reason, REASON_MAX);
		WorkingCalendar calendar = calendarDays.calendar();
		return step(id, version, user, (c, a) -> c.resume(a, calendar, why));
	}

	/**
	 * @param toUnit back to the unit it was dispatched to, with a new due time from the category's
	 *        deadline; otherwise back to registration to be dispatched again
	 */
	public CaseView reopen(long id, int version, ScopedUser user, String reason, boolean toUnit) {
		String why = text("reason", reason, REASON_MAX);
		return step(id, version, user, (c, a) -> c.reopen(a, why, toUnit ? deadline(c.categoryCode, c.now) : null));
	}

	/** Merges a duplicate into its target; both rows are locked in id order so two merges never deadlock. */
	public CaseView merge(long duplicateId, int version, ScopedUser user, Long targetId, String reason) {
		if (targetId == null) {
			throw CaseRefusedException.invalid("targetId", "casework.merge.target");
		}
		String why = optionalText("reason", reason, REASON_MAX);
		Instant now = now();
		transactions.executeWithoutResult(tx -> {
			RectificationCase first = records.lock(Math.min(duplicateId, targetId)).orElse(null);
			RectificationCase second = records.lock(Math.max(duplicateId, targetId)).orElse(null);
			RectificationCase duplicate = first != null && first.id == duplicateId ? first : second;
			RectificationCase target = first != null && first.id == targetId ? first : second;
			if (duplicate == null || !visible(duplicate, user)) {
				throw new OutOfScopeException("case", String.valueOf(duplicateId));
			}
			if (targetId == duplicateId) {
				throw CaseRefusedException.invalid("targetId", "casework.merge.self");
			}
			Actor actor = actor(duplicate, user);
			if (target == null || !visible(target, user)) {
				throw CaseRefusedException.invalid("targetId", "casework.merge.target");
			}
			duplicate.requireVersion(version);
			duplicate.now = now;
			target.now = now;
			duplicate.mergeInto(actor, target, why);
			if (!actor(target, user).office()) {
				throw CaseRefusedException.forbidden("casework.who.office");
			}
			records.save(duplicate);
			records.save(target);
		});
		return cases.find(duplicateId).orElseThrow();
	}

	/**
	 * 督办: raises the escalation level of every open case overdue at {@code at}. Each case in its own
	 * transaction, so one refused save (a person acting on it just then) does not stop the rest.
	 *
	 * @return how many cases were raised
	 */
	public int escalateOverdue(Instant at) {
		Instant now = at.truncatedTo(ChronoUnit.MICROS);
		WorkingCalendar calendar = calendarDays.calendar();
		List<Long> overdue = jdbc.sql("""
				select id from rectification_case
				where status in ('DISPATCHED', 'IN_PROGRESS') and due_at <= :now order by id""")
				.param("now", Timestamp.from(now)).query(Long.class).list();
		int raised = 0;
		for (long id : overdue) {
			try {
				Boolean changed = transactions.execute(tx -> {
					RectificationCase c = records.lock(id).orElseThrow();
					c.now = now;
					List<Instant> thresholds = new ArrayList<>();
					for (int days : properties.escalationSteps()) {
						thresholds.add(c.dueAt == null ? now
								: calendar.plusWorkingTime(c.dueAt, calendar.workingDay().multipliedBy(days)));
					}
					if (!c.escalate(thresholds)) {
						return false;
					}
					records.save(c);
					return true;
				});
				raised += Boolean.TRUE.equals(changed) ? 1 : 0;
			}
			catch (CaseRefusedException ex) {
				log.debug("case {} changed while escalating; the next run sees it", id);
			}
		}
		return raised;
	}

	// one node per period; held a minute at least so that a node whose clock is seconds late skips the period
	// (a case escalated already is not escalated again anyway), freed after 10 minutes should its node die
	@Scheduled(cron = "${wenming.casework.workflow.escalation-cron:0 */10 * * * *}", zone = "Asia/Shanghai")
	@SchedulerLock(name = "case-escalation", lockAtMostFor = "10m", lockAtLeastFor = "1m")
	void escalateOnSchedule() {
		int raised = escalateOverdue(clock.instant());
		if (raised > 0) {
			log.info("Escalated {} overdue cases", raised);
		}
	}

	/** The due time of a category's deadline counted from {@code from} on the working-day calendar. */
	public Instant deadline(String categoryCode, Instant from) {
		CaseCategory category = cases.category(categoryCode).filter(CaseCategory::leaf)
				.orElseThrow(() -> new IllegalStateException("case category without a deadline: " + categoryCode));
		return calendarDays.calendar().due(from, category.deadlineAmount(), category.deadlineUnit());
	}

	/** What a person may see of a case: 404 (as out of scope) when nothing. */
	public void requireVisible(CaseView view, ScopedUser user) {
		if (!visible(view.regionPath(), view.unitId(), reporterOf(view.id()), user)) {
			throw new OutOfScopeException("case", String.valueOf(view.id()));
		}
	}

	/** The capacities in which a person acts on a case (for pages to offer only the steps they may take). */
	public Actor actorFor(CaseView view, ScopedUser user) {
		return actor(view.regionPath(), view.unitId(), user);
	}

	private CaseView step(long id, int version, ScopedUser user, BiConsumer<RectificationCase, Actor> change) {
		Instant now = now();
		transactions.executeWithoutResult(tx -> {
			RectificationCase c = records.lock(id).orElseThrow(() -> new OutOfScopeException("case", String.valueOf(id)));
			if (!visible(c, user)) {
				throw new OutOfScopeException("case", String.valueOf(id));
			}
			c.requireVersion(version);
			c.now = now;
			change.accept(c, actor(c, user));
			records.save(c);
		});
		return cases.find(id).orElseThrow();
	}

	private void newApproval(RectificationCase c, String kind, Actor actor, String reason, Instant requestedDue) {
		boolean pending = jdbc.sql("select exists (select 1 from case_approval where case_id = :id and kind = :kind and status = 'PENDING')")
				.param("id", c.id).param("kind", kind).query(Boolean.class).single();
		if (pending) {
			throw CaseRefusedException.conflict("casework.approval.pending");
		}
		jdbc.sql("""
				insert into case_approval (case_id, kind, requested_by, requested_at, reason, requested_due_at)
				values (:id, :kind, :by, :at, :reason, :due)""")
				.param("id", c.id).param("kind", kind).param("by", actor.username()).param("at", Timestamp.from(c.now))
				.param("reason", reason).param("due", requestedDue == null ? null : Timestamp.from(requestedDue)).update();
	}

	private boolean visible(RectificationCase c, ScopedUser user) {
		return visible(c.regionPath, c.unitId, reporterOf(c.id), user);
	}

	private boolean visible(String regionPath, Long unitId, Long reporterUserId, ScopedUser user) {
		if (user == null) {
			return false;
		}
		if (user.hasRole(Roles.SYSTEM_ADMIN)) {
			return true;
		}
		if ((user.hasRole(Roles.OFFICE_STAFF) || user.hasRole(Roles.INSPECTOR)) && user.scope().covers(regionPath)) {
			return true;
		}
		if (user.hasRole(Roles.INSPECTOR) && reporterUserId != null && reporterUserId == user.userId()) {
			return true;
		}
		return user.hasRole(Roles.UNIT_HANDLER) && unitId != null && units.isMember(unitId, user.userId());
	}

	private Actor actor(RectificationCase c, ScopedUser user) {
		return actor(c.regionPath, c.unitId, user);
	}

	private Actor actor(String regionPath, Long unitId, ScopedUser user) {
		boolean office = user.hasRole(Roles.SYSTEM_ADMIN)
				|| (user.hasRole(Roles.OFFICE_STAFF) && user.scope().covers(regionPath));
		boolean inspector = user.hasRole(Roles.INSPECTOR) && user.scope().covers(regionPath);
		boolean handler = user.hasRole(Roles.UNIT_HANDLER) && unitId != null && units.isMember(unitId, user.userId());
		return new Actor(user.username(), office, inspector, handler);
	}

	private Long reporterOf(long id) {
		return jdbc.sql("select reporter_user_id from rectification_case where id = :id").param("id", id)
				.query(Long.class).optional().orElse(null);
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	static String text(String field, String value, int max) {
		String text = optionalText(field, value, max);
		if (text == null) {
			throw CaseRefusedException.invalid(field, "casework." + field + ".required");
		}
		return text;
	}

	static String optionalText(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		if (text.codePointCount(0, text.length()) > max) {
			throw CaseRefusedException.invalid(field, "casework." + field + ".length");
		}
		if (text.codePoints().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t')) {
			throw CaseRefusedException.invalid(field, "casework.text.control");
		}
		return text;
	}

}
