package org.wenming.servicedesk.taking;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.notification.Notification;
import org.wenming.notification.Notifier;
import org.wenming.region.PracticeSites;
import org.wenming.servicedesk.OrderStatus;
import org.wenming.servicedesk.SealedColumns;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.ContactSeal;
import org.wenming.volunteer.team.Teams;

/**
 * What the taking part's steps share: the order read under its row lock, who may act for the dispatched
 * team (its leaders, staff whose scope covers the holding site), the event row, and the notice to the
 * resident through the {@link Notifier} outbox in the caller's transaction.
 */
@Component
class OrderSteps {

	/** An order as a step of this part sees it. */
	record Order(long id, String orderNumber, String regionCode, String regionPath, OrderStatus status, long siteId,
			Long teamId, Long shiftId, Integer needed, Instant servedAt, byte[] contactCipher, String contactMasked,
			String contactKeyId) {
	}

	private final JdbcClient jdbc;

	private final Teams teams;

	private final PracticeSites sites;

	private final Notifier notifier;

	private final ContactSeal seal;

	private final MessageSource messages;

	OrderSteps(JdbcClient jdbc, Teams teams, PracticeSites sites, Notifier notifier, ContactSeal seal,
			MessageSource messages) {
		this.jdbc = jdbc;
		this.teams = teams;
		this.sites = sites;
		this.notifier = notifier;
		this.seal = seal;
		this.messages = messages;
	}

	private static final String COLUMNS = """
			select id, order_number, region_code, region_path, status, site_id, team_id, shift_id, needed, served_at,
			    contact_cipher, contact_masked, contact_key_id from service_order""";

	private static Order row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		OffsetDateTime served = rs.getObject("served_at", OffsetDateTime.class);
		return new Order(rs.getLong("id"), rs.getString("order_number"), rs.getString("region_code"),
				rs.getString("region_path"), OrderStatus.valueOf(rs.getString("status")), rs.getLong("site_id"),
				(Long) rs.getObject("team_id"), (Long) rs.getObject("shift_id"), (Integer) rs.getObject("needed"),
				served == null ? null : served.toInstant(), rs.getBytes("contact_cipher"), rs.getString("contact_masked"),
				rs.getString("contact_key_id"));
	}

	/** The order under its row lock (every change of its status takes this lock). */
	Order lock(long orderId) {
		return jdbc.sql(COLUMNS + " where id = :id for update").param("id", orderId).query(OrderSteps::row).optional()
			.orElseThrow(() -> new OutOfScopeException("service order", String.valueOf(orderId)));
	}

	/**
	 * The order under a shared lock: takes of one order run side by side (the shift's row lock counts their
	 * places), while a hand-back, a cancellation or a completion (which take the row lock) waits for them.
	 */
	Order share(long orderId) {
		return jdbc.sql(COLUMNS + " where id = :id for share").param("id", orderId).query(OrderSteps::row).optional()
			.orElseThrow(() -> new OutOfScopeException("service order", String.valueOf(orderId)));
	}

	/** The order behind a private link's token hash, under its row lock. */
	java.util.Optional<Order> lockByToken(byte[] tokenHash) {
		return jdbc.sql(COLUMNS + " where follow_token_hash = :hash for update").param("hash", tokenHash)
			.query(OrderSteps::row).optional();
	}

	static boolean isStaff(ScopedUser user) {
		return PracticeSites.mayManage(user);
	}

	/** Staff whose scope covers the site holding the order. */
	boolean staffInScope(Order order, ScopedUser user) {
		return user != null && isStaff(user)
				&& sites.find(order.siteId()).map(site -> user.scope().covers(site.regionPath())).orElse(false);
	}

	/** A leader of the dispatched team (or of a team above it), or staff in scope. */
	boolean mayActForTeam(Order order, ScopedUser user) {
		return user != null
				&& ((order.teamId() != null && teams.leads(user, order.teamId())) || staffInScope(order, user));
	}

	/** Outside: 404 and a security event (the platform's handler), as every scoped step of the desk. */
	void requireTeamOrStaff(Order order, ScopedUser user) {
		if (!mayActForTeam(order, user)) {
			throw new OutOfScopeException("service order", String.valueOf(order.id()));
		}
	}

	void event(Order order, String kind, OrderStatus to, String actor, String reason, boolean publicReason,
			Instant at) {
		jdbc.sql("""
				insert into service_order_event (order_id, at, kind, from_status, to_status, actor, site_id, team_id, reason,
				    public_reason)
				values (:order, :at, :kind, :from, :to, :actor, :site, :team, :reason, :public)""")
			.param("order", order.id()).param("at", at(at)).param("kind", kind).param("from", order.status().name())
			.param("to", to.name()).param("actor", actor).param("site", order.siteId())
			.param("team", order.teamId(), Types.BIGINT).param("reason", reason, Types.VARCHAR)
			.param("public", publicReason).update();
	}

	/** Tells the resident (text in Simplified Chinese; the template's values by name). */
	void tell(Order order, String what) {
		String mobile = seal.open(SealedColumns.CONTACT,
				new ContactSeal.SealedContact(order.contactCipher(), order.contactMasked(), order.contactKeyId()));
		notifier.send(new Notification("servicedesk.order", mobile, "SD_ORDER_" + what,
				Map.of("order", order.orderNumber(), "detail", ""),
				messages.getMessage("servicedesk.service.notice." + what, new Object[] { order.orderNumber() },
						Locale.SIMPLIFIED_CHINESE)));
	}

	static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}
}
