package org.wenming.ledger.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.ledger.TotalsDifference;

/**
 * Recounts the totals from the records and lists every difference from the maintained tables
 * (one snapshot, so appends going on meanwhile do not show as differences). The database does
 * the grouping, so memory holds only the differences.
 */
@Component
public class TotalsCheck {

	/** Differences past this many are counted but not listed. */
	public static final int LISTED_MAX = 1000;

	private static final String OVERALL = """
			with recount as (
			    select volunteer_id, sum(hours) as hours, count(*) filter (where kind <> 'CORRECTION') as records
			    from service_record where (cast(:all as boolean) or volunteer_id in (:ids)) group by volunteer_id),
			maintained as (
			    select volunteer_id, hours, records from volunteer_hours
			    where (cast(:all as boolean) or volunteer_id in (:ids)))
			select coalesce(r.volunteer_id, m.volunteer_id) as volunteer_id, '' as key, m.hours as m_hours,
			    r.hours as r_hours, m.records as m_records, r.records as r_records
			from recount r full join maintained m on m.volunteer_id = r.volunteer_id
			where m.hours is distinct from r.hours or m.records is distinct from r.records
			order by 1 limit 1001""";

	private static final String YEARLY = """
			with recount as (
			    select volunteer_id, extract(year from started_at at time zone 'Asia/Shanghai')::int as year,
			        sum(hours) as hours, count(*) filter (where kind <> 'CORRECTION') as records
			    from service_record where (cast(:all as boolean) or volunteer_id in (:ids)) group by 1, 2),
			maintained as (
			    select volunteer_id, year, hours, records from volunteer_year_hours
			    where (cast(:all as boolean) or volunteer_id in (:ids)))
			select coalesce(r.volunteer_id, m.volunteer_id) as volunteer_id, coalesce(r.year, m.year)::text as key,
			    m.hours as m_hours, r.hours as r_hours, m.records as m_records, r.records as r_records
			from recount r full join maintained m on m.volunteer_id = r.volunteer_id and m.year = r.year
			where m.hours is distinct from r.hours or m.records is distinct from r.records
			order by 1, 2 limit 1001""";

	private static final String DAILY = """
			with recount as (
			    select volunteer_id, (started_at at time zone 'Asia/Shanghai')::date as day, sum(hours) as hours
			    from service_record where (cast(:all as boolean) or volunteer_id in (:ids)) group by 1, 2),
			maintained as (
			    select volunteer_id, day, hours from volunteer_day_hours
			    where (cast(:all as boolean) or volunteer_id in (:ids)))
			select coalesce(r.volunteer_id, m.volunteer_id) as volunteer_id, coalesce(r.day, m.day)::text as key,
			    m.hours as m_hours, r.hours as r_hours, null::bigint as m_records, null::bigint as r_records
			from recount r full join maintained m on m.volunteer_id = r.volunteer_id and m.day = r.day
			where m.hours is distinct from r.hours
			order by 1, 2 limit 1001""";

	private final JdbcClient jdbc;

	TotalsCheck(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every volunteer's totals. */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public List<TotalsDifference> all() {
		return run(true, List.of(-1L));
	}

	/** The totals of the given volunteers only. */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public List<TotalsDifference> of(List<Long> volunteerIds) {
		return volunteerIds.isEmpty() ? List.of() : run(false, volunteerIds);
	}

	private List<TotalsDifference> run(boolean all, List<Long> ids) {
		List<TotalsDifference> differences = new ArrayList<>();
		collect("volunteer_hours", OVERALL, all, ids, differences);
		collect("volunteer_year_hours", YEARLY, all, ids, differences);
		collect("volunteer_day_hours", DAILY, all, ids, differences);
		return differences.size() > LISTED_MAX ? differences.subList(0, LISTED_MAX) : differences;
	}

	private void collect(String table, String sql, boolean all, List<Long> ids, List<TotalsDifference> into) {
		jdbc.sql(sql).param("all", all).param("ids", ids).query((rs, n) -> {
			long volunteer = rs.getLong("volunteer_id");
			String key = rs.getString("key");
			if (!java.util.Objects.equals(rs.getBigDecimal("m_hours"), rs.getBigDecimal("r_hours"))
					&& (rs.getBigDecimal("m_hours") == null || rs.getBigDecimal("r_hours") == null
							|| rs.getBigDecimal("m_hours").compareTo(rs.getBigDecimal("r_hours")) != 0)) {
				into.add(new TotalsDifference(table, volunteer, key, "hours", rs.getBigDecimal("m_hours"),
						rs.getBigDecimal("r_hours")));
			}
			if (!java.util.Objects.equals(rs.getBigDecimal("m_records"), rs.getBigDecimal("r_records"))) {
				into.add(new TotalsDifference(table, volunteer, key, "records", rs.getBigDecimal("m_records"),
						rs.getBigDecimal("r_records")));
			}
			return volunteer;
		}).list();
	}
}
