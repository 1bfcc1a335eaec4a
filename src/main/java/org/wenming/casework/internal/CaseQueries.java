package org.wenming.casework.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wenming.casework.CaseSource;
import org.wenming.casework.CaseStatus;
import org.wenming.casework.CaseView;
import org.wenming.casework.Cases;
import org.wenming.shared.CityTime;
import org.wenming.shared.DataScope;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * Reading cases: the queues (office, unit, inspector, supervision), filters, history and possible
 * duplicates. Every query is confined by the reader's scope with bound parameters; the SQL is built
 * only from fixed fragments.
 */
@Repository
public class CaseQueries {

	/** Which list: what the reader's role makes theirs. */
	public enum Queue {
		/** office staff (and inspectors): every case in their region scope */
		OFFICE,
		/** a unit's handlers: the cases dispatched to their units */
		UNIT,
		/** an inspector: what they reported, and fixes in their scope waiting for re-inspection */
		INSPECTOR,
		/** 督办: escalated cases at or above the level the reader's office sees (see {@link #supervisionLevel}) */
		SUPERVISION
	}

	/** Filters of a list; null means "any". */
	public record Filter(CaseStatus status, String categoryCode, DataScope region, Long unitId, boolean overdue,
			CaseSource source, LocalDate from, LocalDate to, String text) {

		public static Filter none() {
			return new Filter(null, null, null, null, false, null, null, null, null);
		}
	}

	public record Page(List<CaseView> items, long total, int page, int size) {

		public int pages() {
			return (int) ((total + size - 1) / size);
		}

		public boolean hasPrevious() {
			return page > 0;
		}

		public boolean hasNext() {
			return (long) (page + 1) * size < total;
		}
	}

	/** One history row. */
	public record Event(long id, String kind, CaseStatus from, CaseStatus to, String actor, String reason,
			String detail, OffsetDateTime at) {
	}

	private final JdbcClient jdbc;

	private final WorkflowProperties properties;

	private final Clock clock;

	CaseQueries(JdbcClient jdbc, WorkflowProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	public Page list(Queue queue, Filter filter, int page, int size, ScopedUser user) {
		StringBuilder where = new StringBuilder(" where true");
		Map<String, Object> params = new HashMap<>();
		confine(queue, user, where, params);
		if (filter.status() != null) {
			where.append(" and status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.categoryCode() != null) {
			where.append(" and category_code = :category");
			params.put("category", filter.categoryCode());
		}
		if (filter.region() != null) {
			where.append(" and region_path >= :fLower and region_path < :fUpper");
			params.put("fLower", filter.region().lower());
			params.put("fUpper", filter.region().upper());
		}
		if (filter.unitId() != null) {
			where.append(" and unit_id = :unit");
			params.put("unit", filter.unitId());
		}
		if (filter.overdue()) {
			where.append(" and status in ('DISPATCHED', 'IN_PROGRESS', 'FIX_SUBMITTED') and due_at < :now");
			params.put("now", Timestamp.from(clock.instant()));
		}
		if (filter.source() != null) {
			where.append(" and source = :source");
			params.put("source", filter.source().name());
		}
		if (filter.from() != null) {
			where.append(" and reported_at >= :from");
			params.put("from", Timestamp.from(filter.from().atStartOfDay(CityTime.ZONE).toInstant()));
		}
		if (filter.to() != null) {
			where.append(" and reported_at < :to");
			params.put("to", Timestamp.from(filter.to().plusDays(1).atStartOfDay(CityTime.ZONE).toInstant()));
		}
		if (filter.text() != null) {
			where.append(" and (case_number = :exact or description like :like escape '\\' or address like :like escape '\\')");
			params.put("exact", filter.text());
			params.put("like", "%" + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		long total = jdbc.sql("select count(*) from rectification_case" + where).params(params).query(Long.class)
				.single();
		params.put("limit", size);
		params.put("offset", (long) page * size);
		String order = queue == Queue.SUPERVISION ? " order by escalation_level desc, due_at, id"
				: " order by reported_at desc, id desc";
		List<CaseView> items = jdbc.sql("select * from rectification_case" + where + order + " limit :limit offset :offset")
				.params(params).query(Cases::view).list();
		return new Page(items, total, page, size);
	}

	private void confine(Queue queue, ScopedUser user, StringBuilder where, Map<String, Object> params) {
		boolean everything = user.hasRole(Roles.SYSTEM_ADMIN);
		params.put("lower", user.scope().lower());
		params.put("upper", user.scope().upper());
		params.put("me", user.userId());
		switch (queue) {
			case OFFICE -> {
				if (!everything && !user.hasRole(Roles.OFFICE_STAFF) && !user.hasRole(Roles.INSPECTOR)) {
					where.append(" and false");
				}
				else if (!everything) {
					where.append(" and region_path >= :lower and region_path < :upper");
				}
			}
			case UNIT -> where.append(" and unit_id in (select unit_id from responsible_unit_member where user_id = :me)");
			case INSPECTOR -> where.append(" and (reporter_user_id = :me"
					+ " or (status = 'FIX_SUBMITTED' and region_path >= :lower and region_path < :upper))");
			case SUPERVISION -> {
				if (!everything && !user.hasRole(Roles.OFFICE_STAFF)) {
					where.append(" and false");
				}
				else if (!everything) {
					where.append(" and region_path >= :lower and region_path < :upper");
				}
				where.append(" and escalation_level >= :level");
				params.put("level", everything ? 1 : supervisionLevel(user.scope()));
			}
		}
	}

	/**
	 * The lowest escalation level an office sees on its 督办 list: the level above the units does the
	 * supervising, so a county office (path depth 3) sees level 1 and up, the city office (depth 2)
	 * level 2 and up, the province (depth 1) level 3 and up; a town office sees level 1 and up too.
	 */
	public static int supervisionLevel(DataScope scope) {
		if (scope.isEverything()) {
			return 1;
		}
		int depth = scope.path().split("\\.").length;
		return Math.max(1, 4 - depth);
	}

	public List<Event> history(long caseId) {
		return jdbc.sql("select * from case_event where case_id = :id order by id").param("id", caseId)
				.query((rs, n) -> {
					String from = rs.getString("from_status");
					String to = rs.getString("to_status");
					return new Event(rs.getLong("id"), rs.getString("kind"), from == null ? null : CaseStatus.valueOf(from),
							to == null ? null : CaseStatus.valueOf(to), rs.getString("actor"), rs.getString("reason"),
							rs.getString("detail"), Approvals.time(rs, "occurred_at"));
				}).list();
	}

	/**
	 * Possible duplicates of a case (疑似重复): open cases of the same category within the configured
	 * distance, reported in the last days configured, that the reader may see.
	 */
	public List<CaseView> possibleDuplicates(CaseView of, ScopedUser user) {
		if (of.latitude() == null || !of.status().open()) {
			return List.of();
		}
		double lat = of.latitude().doubleValue();
		double metres = properties.duplicateRadiusMetres();
		// a degree box first (the partial position index), then the distance on a local flat approximation
		double dLat = metres / 111_320.0;
		double dLon = metres / (111_320.0 * Math.cos(Math.toRadians(lat)));
		Map<String, Object> params = new HashMap<>();
		StringBuilder where = new StringBuilder(" " + """
				where category_code = :category and id <> :id and latitude is not null
				   and status not in ('CLOSED', 'REJECTED', 'MERGED')
				   and latitude between :lat - :dLat and :lat + :dLat and longitude between :lon - :dLon and :lon + :dLon
				   and reported_at >= :since
				   and ((latitude - :lat) * 111320.0) ^ 2 + ((longitude - :lon) * 111320.0 * cos(radians(:lat))) ^ 2 <= :r2
				""");
		params.put("category", of.categoryCode());
		params.put("id", of.id());
		params.put("lat", of.latitude());
		params.put("lon", of.longitude());
		params.put("dLat", dLat);
		params.put("dLon", dLon);
		params.put("r2", metres * metres);
		params.put("since", Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(properties.duplicateDays()))));
		confine(Queue.OFFICE, user, where, params);
		return jdbc.sql("select * from rectification_case" + where + " order by reported_at desc, id desc limit 20")
				.params(params).query(Cases::view).list();
	}

	/** The units' names by id, for lists. */
	public Map<Long, String> unitNames(List<CaseView> views) {
		List<Long> ids = new ArrayList<>(views.stream().map(CaseView::unitId).filter(java.util.Objects::nonNull).distinct().toList());
		Map<Long, String> names = new HashMap<>();
		if (ids.isEmpty()) {
			return names;
		}
		jdbc.sql("select id, name from responsible_unit where id in (:ids)").param("ids", ids)
				.query(rs -> {
					names.put(rs.getLong("id"), rs.getString("name"));
				});
		return names;
	}

	/** Who submitted the fix now waiting for review (null when none). */
	public String fixSubmittedBy(long caseId) {
		return jdbc.sql("select fix_submitted_by from rectification_case where id = :id").param("id", caseId)
				.query(String.class).optional().orElse(null);
	}
}
