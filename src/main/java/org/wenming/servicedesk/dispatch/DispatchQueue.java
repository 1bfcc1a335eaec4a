package org.wenming.servicedesk.dispatch;

import java.sql.Timestamp;
import java.time.Clock;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.Paging;
import org.wenming.servicedesk.OrderStatus;
import org.wenming.shared.DataScope;
import org.wenming.shared.ScopedUser;

/**
 * A site's queue (派单台): the open orders held by the sites in the staff member's scope — waiting for a
 * decision, accepted, or with a team — overdue first (the stage clock that runs for its status has run
 * out), then by due time; filtered by status, overdue and category, in pages. The contact only masked.
 */
@Service
public class DispatchQueue {

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

	/** The open statuses a queue lists, and may be filtered by. */
	public static final List<OrderStatus> OPEN = List.of(OrderStatus.RECEIVED, OrderStatus.PASSED_UP,
			OrderStatus.HANDED_BACK, OrderStatus.ACCEPTED, OrderStatus.DISPATCHED);

	/** The page size when none is asked for, and the largest one may ask for. */
	public static final int PAGE_SIZE = 50;

	public static final int PAGE_SIZE_MAX = 200;

	/**
	 * What a queue is narrowed to: one open status (null: all of them), overdue orders only, one category (null:
	 * all).
	 */
	public record Filter(OrderStatus status, boolean overdueOnly, String category) {

		public static final Filter NONE = new Filter(null, false, null);

		public Filter {
			if (status != null && !OPEN.contains(status)) {
				throw new InvalidInputException("status", "servicedesk.dispatch.error.filterStatus");
			}
			if (category != null && !category.matches("[A-Z_]{1,32}")) {
				throw new InvalidInputException("category", "servicedesk.dispatch.error.filterCategory");
			}
		}

		/**
		 * A filter from the request's text (blank: no filter on it).
		 *
		 * @throws InvalidInputException naming {@code status}, {@code overdue} or {@code category}
		 */
		public static Filter of(String status, String overdue, String category) {
			OrderStatus picked = null;
			if (status != null && !status.isBlank()) {
				picked = OPEN.stream().filter(s -> s.name().equals(status.strip())).findFirst()
					.orElseThrow(() -> new InvalidInputException("status", "servicedesk.dispatch.error.filterStatus"));
			}
			boolean late = false;
			if (overdue != null && !overdue.isBlank()) {
				late = switch (overdue.strip()) {
					case "true", "1", "on" -> true;
					case "false", "0", "off" -> false;
					default -> throw new InvalidInputException("overdue", "servicedesk.dispatch.error.filterOverdue");
				};
			}
			return new Filter(picked, late, category == null || category.isBlank() ? null : category.strip());
		}
	}

	/** All of the first page (the desk's default). */
	public List<Row> queue(ScopedUser user) {
		return queue(user, Filter.NONE, 0, PAGE_SIZE).items();
	}

	/**
	 * One page of the queue of the sites in the staff member's scope, narrowed by the filter: overdue first, then
	 * by escalation level and due time; with the total, so that every order can be paged to.
	 */
	public Paging.Page<Row> queue(ScopedUser user, Filter filter, int page, int size) {
		if (!Dispatch.isStaff(user)) {
			throw new AccessDeniedException("a site's queue needs a staff role");
		}
		Paging.page(page);
		Paging.size(size, PAGE_SIZE_MAX);
		DataScope scope = user.scope();
		Instant now = clock.instant();
		String where = """
				from service_order o join published_practice_site s on s.id = o.site_id
				where s.region_path >= :lower and s.region_path < :upper
				    and o.status in ('RECEIVED', 'PASSED_UP', 'HANDED_BACK', 'ACCEPTED', 'DISPATCHED')
				    and (cast(:status as varchar) is null or o.status = cast(:status as varchar))
				    and (cast(:category as varchar) is null or o.category = cast(:category as varchar))
				    and (not :overdueOnly or (case when o.status in ('RECEIVED', 'PASSED_UP', 'HANDED_BACK')
				        then o.accept_due else o.serve_due end) <= :now)""";
		String status = filter.status() == null ? null : filter.status().name();
		long total = jdbc.sql("select count(*) " + where).param("lower", scope.lower()).param("upper", scope.upper())
			.param("status", status, Types.VARCHAR).param("category", filter.category(), Types.VARCHAR)
			.param("overdueOnly", filter.overdueOnly()).param("now", Timestamp.from(now)).query(Long.class).single();
		List<Row> rows = jdbc.sql("""
				select o.id, o.order_number, o.category, o.what, o.region_code, o.region_path, o.status, o.site_id, s.name as site_name,
				    o.escalation_level, o.team_id, o.needed, o.received_at, o.contact_name, o.contact_masked,
				    case when o.status in ('RECEIVED', 'PASSED_UP', 'HANDED_BACK') then o.accept_due else o.serve_due end as due
				""" + where + """

				order by (case when o.status in ('RECEIVED', 'PASSED_UP', 'HANDED_BACK') then o.accept_due else o.serve_due end)
				    <= :now desc nulls last, o.escalation_level desc, due nulls last, o.received_at, o.id
				limit :limit offset :offset""").param("lower", scope.lower()).param("upper", scope.upper())
			.param("status", status, Types.VARCHAR).param("category", filter.category(), Types.VARCHAR)
			.param("overdueOnly", filter.overdueOnly()).param("now", Timestamp.from(now)).param("limit", size)
			.param("offset", (long) page * size)
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
		return new Paging.Page<>(rows, total, page, size, (int) Math.max(1, (total + size - 1) / size));
	}
}
