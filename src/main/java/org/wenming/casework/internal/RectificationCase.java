package org.wenming.casework.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.wenming.casework.CaseStatus;

/**
 * A case as the workflow changes it: every step is a guarded method that checks the current status
 * and the actor's capacity, changes the state and records one history entry. Nothing here touches
 * the database; {@link CaseRecords} loads and saves it.
 */
public final class RectificationCase {

	/** One history row to write ({@code case_event}). */
	public record Entry(String kind, CaseStatus from, CaseStatus to, String actor, String reason,
			Map<String, Object> detail) {
	}

	private static final Set<CaseStatus> WORKING = EnumSet.of(CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS);

	final long id;

	final String caseNumber;

	final String categoryCode;

	final String regionPath;

	final int version;

	CaseStatus status;

	Instant registeredAt;

	Long unitId;

	Instant dispatchedAt;

	Instant dueAt;

	Instant fixSubmittedAt;

	String fixSubmittedBy;

	Instant closedAt;

	Boolean closedOnTime;

	int reworkCount;

	int escalationLevel;

	CaseStatus statusBeforeSuspension;

	Instant suspendedAt;

	Long mergedIntoId;

	private final List<Entry> entries = new ArrayList<>();

	private CaseStatus statusAtLoad;

	RectificationCase(long id, String caseNumber, String categoryCode, String regionPath, int version,
			CaseStatus status) {
		this.id = id;
		this.caseNumber = caseNumber;
		this.categoryCode = categoryCode;
		this.regionPath = regionPath;
		this.version = version;
		this.status = status;
		this.statusAtLoad = status;
	}

	static RectificationCase of(ResultSet rs) throws SQLException {
		RectificationCase c = new RectificationCase(rs.getLong("id"), rs.getString("case_number"),
				rs.getString("category_code"), rs.getString("region_path"), rs.getInt("version"),
				CaseStatus.valueOf(rs.getString("status")));
		c.registeredAt = instant(rs, "registered_at");
		c.unitId = rs.getObject("unit_id", Long.class);
		c.dispatchedAt = instant(rs, "dispatched_at");
		c.dueAt = instant(rs, "due_at");
		c.fixSubmittedAt = instant(rs, "fix_submitted_at");
		c.fixSubmittedBy = rs.getString("fix_submitted_by");
		c.closedAt = instant(rs, "closed_at");
		c.closedOnTime = rs.getObject("closed_on_time", Boolean.class);
		c.reworkCount = rs.getInt("rework_count");
		c.escalationLevel = rs.getInt("escalation_level");
		String before = rs.getString("status_before_suspension");
		c.statusBeforeSuspension = before == null ? null : CaseStatus.valueOf(before);
		c.suspendedAt = instant(rs, "suspended_at");
		c.mergedIntoId = rs.getObject("merged_into_id", Long.class);
		return c;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	/** Refuses a step decided on a copy of the case that someone else has changed since it was read. */
	void requireVersion(int read) {
		if (version != read) {
			throw CaseRefusedException.conflict("casework.stale");
		}
	}

	/** 立案 */
	void register(Actor actor) {
		requireOffice(actor);
		requireStatus("casework.rule.register", CaseStatus.REPORTED);
		registeredAt = now;
		move(CaseStatus.REGISTERED, "REGISTERED", actor, null, Map.of());
	}

	/** 不予立案, with the reason the reporter will read. */
	void reject(Actor actor, String reason) {
		requireOffice(actor);
		requireStatus("casework.rule.reject", CaseStatus.REPORTED);
		move(CaseStatus.REJECTED, "REJECTED", actor, reason, Map.of());
	}

	/** 派遣 to a responsible unit with a due time. */
	void dispatch(Actor actor, long unit, String unitName, Instant due) {
		requireOffice(actor);
		requireStatus("casework.rule.dispatch", CaseStatus.REGISTERED);
		if (!due.isAfter(now)) {
			throw CaseRefusedException.invalid("dueAt", "casework.dueAt.past");
		}
		unitId = unit;
		dispatchedAt = now;
		dueAt = due;
		escalationLevel = 0;
		move(CaseStatus.DISPATCHED, "DISPATCHED", actor, null,
				Map.of("unitId", unit, "unitName", unitName, "dueAt", due.toString()));
	}

	/** The unit takes the case on. */
	void accept(Actor actor) {
		requireHandler(actor);
		requireStatus("casework.rule.accept", CaseStatus.DISPATCHED);
		move(CaseStatus.IN_PROGRESS, "ACCEPTED", actor, null, Map.of());
	}

	/** 处置: the unit reports its fix (with after-photos, stored by the caller). */
	void submitFix(Actor actor, String note, java.util.function.Supplier<List<Long>> storePhotos) {
		requireHandler(actor);
		requireStatus("casework.rule.submitFix", CaseStatus.IN_PROGRESS);
		// the photos are stored only once the step is allowed, in the same transaction
		List<Long> photoIds = storePhotos.get();
		fixSubmittedAt = now;
		fixSubmittedBy = actor.username();
		move(CaseStatus.FIX_SUBMITTED, "FIX_SUBMITTED", actor, note, Map.of("photos", photoIds));
	}

	/** 核查通过, 结案: never by the person who submitted the fix. */
	void verify(Actor actor, String note) {
		requireReviewer(actor);
		requireStatus("casework.rule.verify", CaseStatus.FIX_SUBMITTED);
		if (actor.username().equals(fixSubmittedBy)) {
			throw CaseRefusedException.forbidden("casework.rule.verifyOwnFix");
		}
		closedAt = now;
		closedOnTime = dueAt == null || !closedAt.isAfter(dueAt);
		move(CaseStatus.CLOSED, "VERIFIED", actor, note, Map.of("closedOnTime", closedOnTime));
	}

	/** 返工: the fix is not good enough; the unit works on it again. */
	void returnForRework(Actor actor, String reason) {
		requireReviewer(actor);
		requireStatus("casework.rule.rework", CaseStatus.FIX_SUBMITTED);
		if (actor.username().equals(fixSubmittedBy)) {
			throw CaseRefusedException.forbidden("casework.rule.verifyOwnFix");
		}
		reworkCount++;
		fixSubmittedAt = null;
		fixSubmittedBy = null;
		move(CaseStatus.IN_PROGRESS, "RETURNED", actor, reason, Map.of("reworkCount", reworkCount));
	}

	/** A handler asks for more time (延期申请); the approval row is the caller's. */
	void requestExtension(Actor actor, Instant requestedDue, String reason) {
		requireHandler(actor);
		requireWorking("casework.rule.extension");
		if (dueAt != null && !requestedDue.isAfter(dueAt)) {
			throw CaseRefusedException.invalid("dueAt", "casework.dueAt.notLater");
		}
		note("EXTENSION_REQUESTED", actor, reason, Map.of("requestedDueAt", requestedDue.toString()));
	}

	void approveExtension(Actor actor, long approvalId, Instant requestedDue, String reason) {
		requireOffice(actor);
		requireWorking("casework.rule.extension");
		Instant previous = dueAt;
		dueAt = requestedDue;
		// a new due time starts the supervision over
		escalationLevel = 0;
		note("EXTENSION_APPROVED", actor, reason, Map.of("approvalId", approvalId, "previousDueAt",
				String.valueOf(previous), "dueAt", requestedDue.toString()));
	}

	void declineApproval(Actor actor, long approvalId, String kind, String reason) {
		requireOffice(actor);
		note(kind + "_DECLINED", actor, reason, Map.of("approvalId", approvalId));
	}

	/** A handler asks to stop the clock (挂起申请). */
	void requestSuspension(Actor actor, String reason) {
		requireHandler(actor);
		requireWorking("casework.rule.suspension");
		note("SUSPENSION_REQUESTED", actor, reason, Map.of());
	}

	/** 挂起: the clock stops; the status to come back to is remembered. */
	void approveSuspension(Actor actor, long approvalId, String reason) {
		requireOffice(actor);
		requireWorking("casework.rule.suspension");
		statusBeforeSuspension = status;
		suspendedAt = now;
		move(CaseStatus.SUSPENDED, "SUSPENDED", actor, reason, Map.of("approvalId", approvalId));
	}

	/** 恢复: back where it was, the due time moved by the working time spent suspended. */
	void resume(Actor actor, WorkingCalendar calendar, String reason) {
		requireOffice(actor);
		requireStatus("casework.rule.resume", CaseStatus.SUSPENDED);
		Duration stopped = calendar.workingTimeBetween(suspendedAt, now);
		Instant previous = dueAt;
		if (dueAt != null) {
			dueAt = calendar.plusWorkingTime(dueAt, stopped);
		}
		CaseStatus back = statusBeforeSuspension;
		statusBeforeSuspension = null;
		suspendedAt = null;
		move(back, "RESUMED", actor, reason, Map.of("suspendedMinutes", stopped.toMinutes(), "previousDueAt",
				String.valueOf(previous), "dueAt", String.valueOf(dueAt)));
	}

	/**
	 * 重新打开: a closed case goes back to its unit with a new due time, or back to registration
	 * when the unit was wrong; its history stays.
	 */
	void reopen(Actor actor, String reason, Instant newDue) {
		requireOffice(actor);
		requireStatus("casework.rule.reopen", CaseStatus.CLOSED);
		closedAt = null;
		closedOnTime = null;
		fixSubmittedAt = null;
		fixSubmittedBy = null;
		escalationLevel = 0;
		if (newDue != null && unitId != null) {
			dueAt = newDue;
			dispatchedAt = now;
			move(CaseStatus.DISPATCHED, "REOPENED", actor, reason, Map.of("dueAt", newDue.toString()));
		}
		else {
			unitId = null;
			dueAt = null;
			dispatchedAt = null;
			move(CaseStatus.REGISTERED, "REOPENED", actor, reason, Map.of());
		}
	}

	/** 合并: this case is a duplicate of {@code target}; both keep their histories. */
	void mergeInto(Actor actor, RectificationCase target, String reason) {
		requireOffice(actor);
		if (target.id == id) {
			throw CaseRefusedException.invalid("targetId", "casework.merge.self");
		}
		if (!status.open() || status == CaseStatus.FIX_SUBMITTED) {
			throw CaseRefusedException.conflict("casework.rule.merge");
		}
		if (!target.status.open()) {
			throw CaseRefusedException.conflict("casework.rule.mergeTarget");
		}
		if (!target.categoryCode.equals(categoryCode)) {
			throw CaseRefusedException.invalid("targetId", "casework.merge.category");
		}
		mergedIntoId = target.id;
		move(CaseStatus.MERGED, "MERGED", actor, reason, Map.of("targetId", target.id, "targetNumber",
				target.caseNumber));
		target.note("MERGED_IN", actor, reason, Map.of("duplicateId", id, "duplicateNumber", caseNumber));
	}

	/**
	 * 督办: raises the level to what the overdue time has reached ({@code thresholds[i]} is when level
	 * i+1 begins). Returns whether it changed.
	 */
	boolean escalate(List<Instant> thresholds) {
		if (!WORKING.contains(status) || dueAt == null) {
			return false;
		}
		int reached = 0;
		for (Instant threshold : thresholds) {
			if (!now.isBefore(threshold)) {
				reached++;
			}
		}
		if (reached <= escalationLevel) {
			return false;
		}
		int previous = escalationLevel;
		escalationLevel = reached;
		note("ESCALATED", Actor.SYSTEM, null, Map.of("from", previous, "to", reached, "dueAt", dueAt.toString()));
		return true;
	}

	// the time every step of one save happens at, set by the workflow from its clock
	Instant now;

	private void requireStatus(String rule, CaseStatus... allowed) {
		for (CaseStatus s : allowed) {
			if (status == s) {
				return;
			}
		}
		throw CaseRefusedException.conflict(rule);
	}

	private void requireWorking(String rule) {
		if (!WORKING.contains(status)) {
			throw CaseRefusedException.conflict(rule);
		}
	}

	private static void requireOffice(Actor actor) {
		if (!actor.office()) {
			throw CaseRefusedException.forbidden("casework.who.office");
		}
	}

	private static void requireHandler(Actor actor) {
		if (!actor.handler()) {
			throw CaseRefusedException.forbidden("casework.who.handler");
		}
	}

	private static void requireReviewer(Actor actor) {
		if (!actor.office() && !actor.inspector()) {
			throw CaseRefusedException.forbidden("casework.who.reviewer");
		}
	}

	private void move(CaseStatus to, String kind, Actor actor, String reason, Map<String, Object> detail) {
		entries.add(new Entry(kind, status, to, actor.username(), reason, new LinkedHashMap<>(detail)));
		status = to;
	}

	private void note(String kind, Actor actor, String reason, Map<String, Object> detail) {
		entries.add(new Entry(kind, null, null, actor.username(), reason, new LinkedHashMap<>(detail)));
	}

	List<Entry> entries() {
		return List.copyOf(entries);
	}

	CaseStatus statusAtLoad() {
		return statusAtLoad;
	}

	boolean statusChanged() {
		return status != statusAtLoad;
	}

	public long id() {
		return id;
	}

	public CaseStatus status() {
		return status;
	}

	public Instant dueAt() {
		return dueAt;
	}

	public Long unitId() {
		return unitId;
	}

	public String regionPath() {
		return regionPath;
	}

	public int version() {
		return version;
	}
}
