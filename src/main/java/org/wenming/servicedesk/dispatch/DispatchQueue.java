package org.wenming.servicedesk.dispatch;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.wenming.servicedesk.OrderStatus;
import org.wenming.shared.DataScope;
import org.wenming.shared.ScopedUser;

/**
 * A site's queue (派单台): the open orders held by the sites in the staff member's scope — waiting for a
 * decision, accepted, or with a team — overdue first (the stage clock that runs for its status has run
 * out), then by due time. The contact only masked.
 */
@Service
public class DispatchQueue {

	public static final int LIMIT = 200;

	private final JdbcClient jdbc;

	private final Clock clock;

	DispatchQueue(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** One order in a queue. */
	public record Row(long id, String orderNumber, String category, String what, String regionCode, String regionPath,
			OrderStatus status, long siteId, String siteName, int escalationLevel, Long teamId, Integer needed,
			Instant receivedAt, Instant due, boolean overdue, String contactName, String contactMasked) {

		/** Whether the site may still accept, decline, pass up or dispatch it. */
		public boolean atSite() {
			return status.atSite();
		}
	}

	/** A team the order may be dispatched to. */
	public record TeamChoice(long id, String name) {
	}

	/**
	 * The active teams an order of the village at {@code regionPath} may be dispatched to, as
	 * {@link Dispatch#dispatch} accepts them: those whose region contains the village, and those in the
	 * staff member's scope; the nearest (deepest region) first.
	 */
	public List<TeamChoice> teamsFor(String regionPath, ScopedUser user) {
		DataScope scope = user.scope();
		return jdbc.sql("""
				select id, name from published_team
				where status = 'ACTIVE' and (starts_with(:path, region_path)
				    or (region_path >= :lower and region_path < :upper))
				order by length(region_path) desc, name, id limit 50""").param("path", regionPath)
			.param("lower", scope.lower()).param("upper", scope.upper())
			.query((rs, i) -> new TeamChoice(rs.getLong("id"), rs.getString("name")))
			.list();
	}

	public List<Row> queue(ScopedUser user) {
		if (!Dispatch.isStaff(user)) {
			throw new AccessDeniedException("a site's queue needs a staff role");
		}
		DataScope scope = user.scope();
		Instant now = clock.instant();
		return jdbc.sql("""
				select o.id, o.order_number, o.category, o.what, o.region_code, o.region_path, o.status, o.site_id, s.name as site_name,
				    o.escalation_level, o.team_id, o.needed, o.received_at, o.contact_name, o.contact_masked,
				    case when o.status in ('RECEIVED', 'PASSED_UP', 'HANDED_BACK') then o.accept_due else o.serve_due end as due
				from service_order o join published_practice_site s on s.id = o.site_id
				where s.region_path >= :lower and s.region_path < :upper
				    and o.status in ('RECEIVED', 'PASSED_UP', 'HANDED_BACK', 'ACCEPTED', 'DISPATCHED')
				order by (case when o.status in ('RECEIVED', 'PASSED_UP', 'HANDED_BACK') then o.accept_due else o.serve_due end)
				    <= :now desc nulls last, o.escalation_level desc, due nulls last, o.received_at, o.id
				limit :limit""").param("lower", scope.lower()).param("upper", scope.upper())
			.param("now", Timestamp.from(now)).param("limit", LIMIT)
			.query((rs, i) -> {
				Timestamp due = rs.getTimestamp("due");
				return new Row(rs.getLong("id"), rs.getString("order_number"), rs.getString("category"), rs.getString("what"),
						rs.getString("region_code"), rs.getString("region_path"), OrderStatus.valueOf(rs.getString("status")), rs.getLong("site_id"),
						rs.getString("site_name"), rs.getInt("escalation_level"), (Long) rs.getObject("team_id"),
						(Integer) rs.getObject("needed"), rs.getTimestamp("received_at").toInstant(),
						due == null ? null : due.toInstant(), due != null && !due.toInstant().isAfter(now),
						rs.getString("contact_name"), rs.getString("contact_masked"));
			})
			.list();
	}
}
