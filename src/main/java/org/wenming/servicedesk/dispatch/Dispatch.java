package org.wenming.servicedesk.dispatch;

import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.activity.Activities;
import org.wenming.activity.ActivityRefusedException;
import org.wenming.activity.ServiceShiftDraft;
import org.wenming.activity.Shift;
import org.wenming.notification.Notification;
import org.wenming.notification.Notifier;
import org.wenming.platform.Languages;
import org.wenming.region.FieldProblem;
import org.wenming.region.PracticeSite;
import org.wenming.region.PracticeSites;
import org.wenming.servicedesk.OrderStatus;
import org.wenming.servicedesk.SealedColumns;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.ContactSeal;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.Teams;

/**
 * 派单: what a site does with the orders in its queue — accept, decline (a reason the resident sees),
 * pass up (station → institute → centre), dispatch to a team (the order becomes the team's unlisted
 * shift), take back from a team that cannot serve (hand back), cancel. Every step is one transaction
 * under the order's row lock, checked against the stored state ({@link OrderStatus#mayMoveTo}) and the
 * actor's scope (staff whose scope covers the site holding the order; for a hand-back also the
 * dispatched team's leaders), recorded in {@code service_order_event}, and told to the resident through
 * the {@link Notifier} outbox in the same transaction.
 */
@Service
public class Dispatch {

	static final int REASON_MAX = 500;

	static final int NEEDED_MAX = 200;

	private final JdbcClient jdbc;

	private final PracticeSites sites;

	private final Teams teams;

	private final Activities activities;

	private final StageClocks clocks;

	private final Notifier notifier;

	private final ContactSeal seal;

	private final MessageSource messages;

	private final Clock clock;

	Dispatch(JdbcClient jdbc, PracticeSites sites, Teams teams, Activities activities, StageClocks clocks,
			Notifier notifier, ContactSeal seal, MessageSource messages, Clock clock) {
		this.jdbc = jdbc;
		this.sites = sites;
		this.teams = teams;
		this.activities = activities;
		this.clocks = clocks;
		this.notifier = notifier;
		this.seal = seal;
		this.messages = messages;
		this.clock = clock;
	}

	/** An order as a dispatch step sees it, read under its row lock. */
	record Locked(long id, String orderNumber, String category, String regionCode, String regionPath,
			OrderStatus status, long siteId, int escalationLevel, Long teamId, Long shiftId, byte[] contactCipher,
			String contactMasked, String contactKeyId, String lang) {

		/** The resident's language, taken at ordering: every notice about the order is written in it. */
		Locale locale() {
			Locale language = lang == null ? null : Languages.supported(lang);
			return language == null ? Locale.SIMPLIFIED_CHINESE : language;
		}
	}

	// ---- the steps ------------------------------------------------------------------------------------------

	/** 受理: the site will see to it; the serve clock starts. */
	@Transactional
	public void accept(long orderId, ScopedUser user) {
		Locked order = lockForStaff(orderId, user);
		step(order, OrderStatus.ACCEPTED);
		Instant now = clock.instant();
		jdbc.sql("""
				update service_order set status = 'ACCEPTED', accepted_at = :now, serve_due = :due, version = version + 1
				where id = :id""").param("id", orderId).param("now", at(now))
			.param("due", at(clocks.serveDue(order.category(), now))).update();
		event(order, "ACCEPTED", OrderStatus.ACCEPTED, user.username(), order.siteId(), null, null, false, now);
		tell(order, "ACCEPTED", null);
	}

	/** 不予受理: final, with a reason the resident sees. */
	@Transactional
	public void decline(long orderId, String reason, ScopedUser user) {
		String why = reason(reason);
		Locked order = lockForStaff(orderId, user);
		step(order, OrderStatus.DECLINED);
		Instant now = clock.instant();
		jdbc.sql("update service_order set status = 'DECLINED', closed_at = :now, version = version + 1 where id = :id")
			.param("id", orderId).param("now", at(now)).update();
		event(order, "DECLINED", OrderStatus.DECLINED, user.username(), order.siteId(), null, why, true, now);
		tell(order, "DECLINED", why);
	}

	/**
	 * 上报: to the next site up (a station's town institute, an institute's county centre); the accept
	 * clock starts again there. A note for the site above is optional and not shown to the resident.
	 */
	@Transactional
	public void passUp(long orderId, String note, ScopedUser user) {
		String why = optionalReason(note);
		Locked order = lockForStaff(orderId, user);
		step(order, OrderStatus.PASSED_UP);
		PracticeSite up = siteAbove(order);
		Instant now = clock.instant();
		jdbc.sql("""
				update service_order set status = 'PASSED_UP', site_id = :site, accept_due = :due, version = version + 1
				where id = :id""").param("id", orderId).param("site", up.id())
			.param("due", at(clocks.acceptDue(order.category(), now))).update();
		event(order, "PASSED_UP", OrderStatus.PASSED_UP, user.username(), up.id(), null, why, false, now);
		tell(order, "PASSED_UP", null);
	}

	/**
	 * 派单: to a team, with the volunteers needed and a time. The team's shift is created (unlisted, no
	 * waitlist, at the village only); the serve clock starts from now.
	 *
	 * @return the shift's id
	 */
	@Transactional
	public long dispatch(long orderId, DispatchDraft draft, ScopedUser user) {
		List<FieldProblem> problems = new ArrayList<>();
		if (draft == null || draft.teamId() == null) {
			problems.add(new FieldProblem("teamId", "servicedesk.dispatch.error.required"));
		}
		if (draft == null || draft.needed() == null) {
			problems.add(new FieldProblem("needed", "servicedesk.dispatch.error.required"));
		}
		else if (draft.needed() < 1 || draft.needed() > NEEDED_MAX) {
			problems.add(new FieldProblem("needed", "servicedesk.dispatch.error.needed"));
		}
		if (draft == null || draft.startsAt() == null) {
			problems.add(new FieldProblem("startsAt", "servicedesk.dispatch.error.required"));
		}
		if (draft == null || draft.endsAt() == null) {
			problems.add(new FieldProblem("endsAt", "servicedesk.dispatch.error.required"));
		}
		if (!problems.isEmpty()) {
			throw new DispatchRefusedException(DispatchRefusedException.Kind.INVALID, problems);
		}
		Locked order = lockForStaff(orderId, user);
		step(order, OrderStatus.DISPATCHED);
		Team team = teams.find(draft.teamId()).filter(Team::active)
			.filter(t -> user.scope().covers(t.regionPath()) || order.regionPath().startsWith(t.regionPath()))
			.orElseThrow(() -> DispatchRefusedException.invalid("teamId", "servicedesk.dispatch.error.team"));
		Shift shift;
		try {
			shift = activities.createServiceShift(new ServiceShiftDraft(team.id(),
					text("servicedesk.dispatch.shift.title", order.orderNumber()),
					text("servicedesk.dispatch.shift.description", order.orderNumber()), order.regionCode(),
					draft.startsAt(), draft.endsAt(), draft.needed()), user.username());
		}
		catch (ActivityRefusedException ex) {
			throw new DispatchRefusedException(DispatchRefusedException.Kind.INVALID, ex.problems().stream()
				.map(p -> new FieldProblem(p.field().replaceFirst("^shifts\\[0\\]\\.", ""), p.messageKey()))
				.toList());
		}
		Instant now = clock.instant();
		jdbc.sql("""
				update service_order set status = 'DISPATCHED', team_id = :team, needed = :needed, shift_id = :shift,
				    dispatched_at = :now, serve_due = :due, version = version + 1
				where id = :id""").param("id", orderId).param("team", team.id()).param("needed", draft.needed())
			.param("shift", shift.id()).param("now", at(now))
			.param("due", at(clocks.serveDue(order.category(), now))).update();
		event(order, "DISPATCHED", OrderStatus.DISPATCHED, user.username(), order.siteId(), team.id(), null, false, now);
		tell(order, "DISPATCHED", team.name());
		return shift.id();
	}

	/**
	 * 退单: the dispatched team cannot serve (its leader, or staff in scope, with a reason the resident
	 * sees). The shift is cancelled (its takers are told), and the order is back in the site's queue with
	 * the accept clock running again.
	 */
	@Transactional
	public void handBack(long orderId, String reason, ScopedUser user) {
		String why = reason(reason);
		Locked order = lock(orderId);
		boolean leader = order.teamId() != null && user != null && teams.leads(user, order.teamId());
		if (!leader) {
			requireStaffInScope(order, user);
		}
		step(order, OrderStatus.HANDED_BACK);
		cancelShift(order, why, user);
		Instant now = clock.instant();
		jdbc.sql("""
				update service_order set status = 'HANDED_BACK', team_id = null, needed = null, shift_id = null,
				    serve_due = null, accept_due = :due, version = version + 1
				where id = :id""").param("id", orderId).param("due", at(clocks.acceptDue(order.category(), now))).update();
		event(order, "HANDED_BACK", OrderStatus.HANDED_BACK, user.username(), order.siteId(), order.teamId(), why, true,
				now);
		tell(order, "HANDED_BACK", why);
	}

	/** 撤单 by staff, with a reason the resident sees; a dispatched order's shift is cancelled too. */
	@Transactional
	public void cancel(long orderId, String reason, ScopedUser user) {
		String why = reason(reason);
		Locked order = lockForStaff(orderId, user);
		step(order, OrderStatus.CANCELLED);
		if (order.status() == OrderStatus.DISPATCHED) {
			cancelShift(order, why, user);
		}
		Instant now = clock.instant();
		jdbc.sql("update service_order set status = 'CANCELLED', closed_at = :now, version = version + 1 where id = :id")
			.param("id", orderId).param("now", at(now)).update();
		event(order, "CANCELLED", OrderStatus.CANCELLED, user.username(), order.siteId(), order.teamId(), why, true, now);
		tell(order, "CANCELLED", why);
	}

	/** What a reveal shows: the contact and the home address, opened for one person with a reason. */
	public record Revealed(String contactName, String mobile, String address) {
	}

	/**
	 * Opens the contact's mobile and the home address for staff whose scope covers the holding site, or for
	 * a leader of the team the order is dispatched to (while dispatched or served), with a reason recorded
	 * as a {@code REVEALED} event (not shown to the resident). Never logged.
	 */
	@Transactional
	public Revealed reveal(long orderId, String reason, ScopedUser user) {
		String why = reason(reason);
		if (why.length() < 2) {
			throw DispatchRefusedException.invalid("reason", "servicedesk.dispatch.error.reasonRequired");
		}
		Locked order = lock(orderId);
		boolean leader = order.teamId() != null && user != null
				&& (order.status() == OrderStatus.DISPATCHED || order.status() == OrderStatus.SERVED)
				&& teams.leads(user, order.teamId());
		if (!leader) {
			requireStaffInScope(order, user);
		}
		record Sealed(String name, byte[] addressCipher, String addressKeyId) {
		}
		Sealed sealed = jdbc.sql("select contact_name, address_cipher, address_key_id from service_order where id = :id")
			.param("id", orderId)
			.query((rs, i) -> new Sealed(rs.getString(1), rs.getBytes(2), rs.getString(3)))
			.single();
		String mobile = seal.open(SealedColumns.CONTACT,
				new ContactSeal.SealedContact(order.contactCipher(), order.contactMasked(), order.contactKeyId()));
		String address = sealed.addressCipher() == null ? null
				: seal.open(SealedColumns.ADDRESS, new ContactSeal.SealedContact(sealed.addressCipher(), "", sealed.addressKeyId()));
		jdbc.sql("""
				insert into service_order_event (order_id, at, kind, from_status, to_status, actor, site_id, team_id, reason)
				values (:order, :at, 'REVEALED', :status, :status, :actor, :site, :team, :reason)""")
			.param("order", orderId).param("at", at(clock.instant())).param("status", order.status().name())
			.param("actor", user.username()).param("site", order.siteId()).param("team", order.teamId(), Types.BIGINT)
			.param("reason", why).update();
		return new Revealed(sealed.name(), mobile, address);
	}

	// ---- who may ----------------------------------------------------------------------------------------------

	/** Staff who may work a site's queue (inside their scope). */
	public static boolean isStaff(ScopedUser user) {
		return PracticeSites.mayManage(user);
	}

	/** Whether the person is staff whose scope covers the site holding the order. */
	boolean staffInScope(Locked order, ScopedUser user) {
		if (!isStaff(user)) {
			return false;
		}
		return sites.find(order.siteId()).map(site -> user.scope().covers(site.regionPath())).orElse(false);
	}

	private void requireStaffInScope(Locked order, ScopedUser user) {
		if (!staffInScope(order, user)) {
			throw new OutOfScopeException("service order", String.valueOf(order.id()));
		}
	}

	private Locked lockForStaff(long orderId, ScopedUser user) {
		Locked order = lock(orderId);
		requireStaffInScope(order, user);
		return order;
	}

	Locked lock(long orderId) {
		return jdbc.sql("""
				select id, order_number, category, region_code, region_path, status, site_id, escalation_level, team_id,
				    shift_id, contact_cipher, contact_masked, contact_key_id, lang
				from service_order where id = :id for update""").param("id", orderId)
			.query((rs, i) -> new Locked(rs.getLong("id"), rs.getString("order_number"), rs.getString("category"),
					rs.getString("region_code"), rs.getString("region_path"), OrderStatus.valueOf(rs.getString("status")),
					rs.getLong("site_id"), rs.getInt("escalation_level"), (Long) rs.getObject("team_id"),
					(Long) rs.getObject("shift_id"), rs.getBytes("contact_cipher"), rs.getString("contact_masked"),
					rs.getString("contact_key_id"), rs.getString("lang")))
			.optional()
			.orElseThrow(() -> new OutOfScopeException("service order", String.valueOf(orderId)));
	}

	private static void step(Locked order, OrderStatus next) {
		if (!order.status().mayMoveTo(next)) {
			throw DispatchRefusedException.conflict("servicedesk.dispatch.error.state");
		}
	}

	PracticeSite siteAbove(Locked order) {
		PracticeSite here = sites.find(order.siteId()).orElseThrow();
		return sites.above(here).orElseThrow(() -> DispatchRefusedException.conflict("servicedesk.dispatch.error.top"));
	}

	private void cancelShift(Locked order, String why, ScopedUser user) {
		if (order.shiftId() == null) {
			return;
		}
		Optional<Shift> shift = activities.shift(order.shiftId());
		if (shift.isPresent()) {
			try {
				activities.cancel(shift.get().activityId(), why, user);
			}
			catch (ActivityRefusedException ex) {
				throw DispatchRefusedException.conflict("servicedesk.dispatch.error.shiftNotCancellable");
			}
		}
	}

	// ---- records and notices --------------------------------------------------------------------------------

	void event(Locked order, String kind, OrderStatus to, String actor, Long siteId, Long teamId, String reason,
			boolean publicReason, Instant at) {
		jdbc.sql("""
				insert into service_order_event (order_id, at, kind, from_status, to_status, actor, site_id, team_id, reason,
				    public_reason)
				values (:order, :at, :kind, :from, :to, :actor, :site, :team, :reason, :public)""")
			.param("order", order.id()).param("at", at(at)).param("kind", kind)
			.param("from", order.status().name()).param("to", to == null ? null : to.name(), Types.VARCHAR)
			.param("actor", actor).param("site", siteId, Types.BIGINT).param("team", teamId, Types.BIGINT)
			.param("reason", reason, Types.VARCHAR).param("public", publicReason).update();
	}

	/**
	 * Tells the resident, in the language they ordered in (zh-CN, zh-TW or en), with the template's values by
	 * name for template gateways.
	 */
	void tell(Locked order, String what, String detail) {
		String mobile = seal.open(SealedColumns.CONTACT,
				new ContactSeal.SealedContact(order.contactCipher(), order.contactMasked(), order.contactKeyId()));
		String value = detail == null ? "" : detail;
		notifier.send(new Notification("servicedesk.order", mobile, "SD_ORDER_" + what,
				Map.of("order", order.orderNumber(), "detail", value, "lang", Languages.tag(order.locale())),
				messages.getMessage("servicedesk.dispatch.notice." + what, new Object[] { order.orderNumber(), value },
						order.locale()).strip()));
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, Locale.SIMPLIFIED_CHINESE);
	}

	private static String reason(String reason) {
		if (reason == null || reason.isBlank()) {
			throw DispatchRefusedException.invalid("reason", "servicedesk.dispatch.error.reasonRequired");
		}
		return checkedLength(reason.strip());
	}

	private static String optionalReason(String reason) {
		return reason == null || reason.isBlank() ? null : checkedLength(reason.strip());
	}

	private static String checkedLength(String reason) {
		if (reason.length() > REASON_MAX) {
			throw DispatchRefusedException.invalid("reason", "servicedesk.dispatch.error.reasonLong");
		}
		return reason;
	}

	static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}
}
