package org.wenming.insight.internal;

import static java.util.stream.Collectors.joining;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.insight.InsightAggregates;

/**
 * The aggregates counted again from the raw records, set-based: each large table is grouped once
 * (by region path, month and dimension, a few thousand groups even for 18 million service records),
 * and only those groups are spread over the levels of their region path. {@link #rebuild()}
 * replaces the aggregates with the recount; {@link #check()} compares them.
 *
 * <p>Rebuild while events are still on their way counts those facts twice (the recount has them,
 * and their listeners add them again): run it after a bulk load that bypassed the events, with no
 * other traffic, and run {@code insight check} afterwards.
 */
@Service
class Recount implements InsightAggregates {

	/** Differences returned at most per table (memory stays bounded when aggregates are missing altogether). */
	static final int LISTED_MAX = 100_000;

	/** Every cell as the raw records make it. */
	static final String CELLS = """
			with sr as (
			    select region_path, %1$s as month, activity_type as dim, sum(hours) as hours,
			        count(*) filter (where kind <> 'CORRECTION') as records
			    from published_service_record group by 1, 2, 3),
			facts (metric, path, month, dim, value) as (
			    select 'VOLUNTEERS_REGISTERED', region_path, %2$s, '', count(*)::numeric from published_volunteer group by 2, 3
			    union all
			    select 'VOLUNTEERS_WITHDRAWN', region_path, %3$s, '', count(*) from published_volunteer
			    where status = 'WITHDRAWN' and withdrawn_at is not null group by 2, 3
			    union all
			    select 'TEAMS', region_path, %4$s, level || '/' || type, count(*) from published_team
			    where status = 'ACTIVE' group by 2, 3, 4
			    union all
			    select 'ACTIVITIES', region_path, %5$s, type, count(*) from published_activity
			    where status = 'FINISHED' and starts_at is not null group by 2, 3, 4
			    union all
			    select 'LECTURES', region_path, %5$s, lecture_setting, count(*) from published_activity
			    where status = 'FINISHED' and starts_at is not null and type = 'LECTURE' group by 2, 3, 4
			    union all
			    select 'LECTURE_AUDIENCE', region_path, %5$s, lecture_setting, coalesce(sum(audience_count), 0) from published_activity
			    where status = 'FINISHED' and starts_at is not null and type = 'LECTURE' group by 2, 3, 4
			    union all
			    select 'SERVICE_HOURS', region_path, month, dim, hours from sr
			    union all
			    select 'SERVICE_RECORDS', region_path, month, dim, records from sr
			    union all
			    select 'CASES_FOUND', region_path, %6$s, category_code, count(*) from published_rectification_case
			    where status not in ('REJECTED', 'MERGED') group by 2, 3, 4
			    union all
			    select 'CASES_CLOSED', region_path, %6$s, category_code, count(*) from published_rectification_case
			    where status = 'CLOSED' group by 2, 3, 4
			    union all
			    select 'CASES_CLOSED_ON_TIME', region_path, %6$s, category_code, count(*) from published_rectification_case
			    where status = 'CLOSED' and closed_on_time group by 2, 3, 4)
			select f.metric, code as region_code, f.month, f.dim, sum(f.value) as value
			from facts f cross join lateral unnest(string_to_array(rtrim(f.path, '.'), '.')) as code
			group by 1, 2, 3, 4
			having sum(f.value) <> 0""".formatted(Months.sql("started_at"), Months.sql("created_at"),
			Months.sql("withdrawn_at"), Months.sql("created_at"), Months.sql("starts_at"), Months.sql("reported_at"));

	static final String TEAM_HOURS = """
			select organization_id as team_id, extract(year from started_at at time zone 'Asia/Shanghai')::int as year,
			    min(region_path) as region_path, sum(hours) as hours
			from published_service_record where organization_kind = 'TEAM' group by 1, 2""";

	static final String SITE_CELLS = """
			select organizer_site_id as site_id, %1$s as month, 'ACTIVITIES' as metric, count(*)::numeric as value
			from published_activity where status = 'FINISHED' and starts_at is not null and organizer_site_id is not null
			group by 1, 2
			union all
			select organization_id, %2$s, 'SERVICE_HOURS', sum(hours) from published_service_record
			where organization_kind = 'SITE' group by 1, 2""".formatted(Months.sql("starts_at"), Months.sql("started_at"));

	static final String VOLUNTEER_HOURS = """
			select volunteer_id, extract(year from started_at at time zone 'Asia/Shanghai')::int as year, sum(hours) as hours
			from published_service_record group by 1, 2""";

	static final String CASE_STATES = """
			select id as case_id, category_code, region_path, %s as reported_month,
			    status not in ('REJECTED', 'MERGED') as found, status = 'CLOSED' as closed,
			    status = 'CLOSED' and coalesce(closed_on_time, false) as closed_on_time, updated_at as changed_at
			from published_rectification_case""".formatted(Months.sql("reported_at"));

	private final JdbcClient jdbc;

	Recount(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional(propagation = Propagation.REQUIRED)
	public void rebuild() {
		// the tables are locked for the rebuild, so no listener adds to a half-built table
		jdbc.sql("lock table insight_cell, insight_team_hours, insight_volunteer_hours, insight_case_state, insight_site_cell,"
				+ " insight_applied_event in exclusive mode").update();
		jdbc.sql("delete from insight_cell").update();
		jdbc.sql("delete from insight_team_hours").update();
		jdbc.sql("delete from insight_volunteer_hours").update();
		jdbc.sql("delete from insight_site_cell").update();
		jdbc.sql("delete from insight_case_state").update();
		// keys of facts now counted by the recount; after a reload of the data the same ids may return
		jdbc.sql("delete from insight_applied_event").update();
		jdbc.sql("insert into insight_cell (metric, region_code, month, dim, value) " + CELLS).update();
		jdbc.sql("insert into insight_team_hours (team_id, year, region_path, hours) " + TEAM_HOURS).update();
		jdbc.sql("insert into insight_volunteer_hours (volunteer_id, year, hours) " + VOLUNTEER_HOURS).update();
		jdbc.sql("insert into insight_site_cell (site_id, month, metric, value) " + SITE_CELLS).update();
		jdbc.sql("""
				insert into insight_case_state (case_id, category_code, region_path, reported_month, found, closed,
				    closed_on_time, changed_at) """ + CASE_STATES).update();
	}

	@Override
	@Transactional(readOnly = true)
	public List<AggregateDifference> check() {
		List<AggregateDifference> differences = new ArrayList<>();
		differences.addAll(differences("insight_cell", CELLS, List.of("metric", "region_code", "month", "dim"), "value",
				rs -> rs.getString(1) + ", " + rs.getString(2) + ", " + month(rs, 3)
						+ (rs.getString(4).isEmpty() ? "" : ", " + rs.getString(4))));
		differences.addAll(differences("insight_team_hours", TEAM_HOURS, List.of("team_id", "year"), "hours",
				rs -> "team hours, team " + rs.getLong(1) + ", " + rs.getInt(2)));
		differences.addAll(differences("insight_volunteer_hours", VOLUNTEER_HOURS, List.of("volunteer_id", "year"),
				"hours", rs -> "volunteer hours, volunteer " + rs.getLong(1) + ", " + rs.getInt(2)));
		differences.addAll(differences("insight_site_cell", SITE_CELLS, List.of("site_id", "month", "metric"), "value",
				rs -> "site " + rs.getLong(1) + ", " + month(rs, 2) + ", " + rs.getString(3)));
		return differences;
	}

	/** Names an aggregate from its key columns (1..n of the row). */
	@FunctionalInterface
	private interface Label {

		String of(ResultSet rs) throws SQLException;
	}

	/**
	 * The keys where a maintained table and its recount disagree (a row missing on either side counts as
	 * zero), at most {@link #LISTED_MAX}, in key order.
	 */
	private List<AggregateDifference> differences(String table, String recount, List<String> keys, String value,
			Label label) {
		String keyColumns = keys.stream().map(k -> "coalesce(m.%1$s, r.%1$s)".formatted(k)).collect(joining(", "));
		String join = keys.stream().map(k -> "r.%1$s = m.%1$s".formatted(k)).collect(joining(" and "));
		String order = java.util.stream.IntStream.rangeClosed(1, keys.size()).mapToObj(Integer::toString)
			.collect(joining(", "));
		int n = keys.size();
		return jdbc.sql("""
				select %1$s, m.%5$s, r.%5$s from %2$s m full join (%3$s) r on %4$s
				where coalesce(m.%5$s, 0) <> coalesce(r.%5$s, 0) order by %6$s limit %7$d"""
			.formatted(keyColumns, table, recount, join, value, order, LISTED_MAX))
			.query((rs, row) -> new AggregateDifference(label.of(rs), rs.getBigDecimal(n + 1), rs.getBigDecimal(n + 2)))
			.list();
	}

	private static String month(ResultSet rs, int column) throws SQLException {
		return rs.getObject(column, java.time.LocalDate.class).toString().substring(0, 7);
	}

}
