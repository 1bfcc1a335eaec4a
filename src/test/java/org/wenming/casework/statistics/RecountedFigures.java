package org.wenming.casework.statistics;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.casework.CaseCategory;
import org.wenming.region.Region;
import org.wenming.shared.CityTime;

/**
 * The statistics recounted from {@code rectification_case} itself, the way they were computed before
 * the cells (one pass over the cases with the figures' definitions written as filters): the oracle
 * the cells' figures must equal. Lines are keyed "part:44.4412.441202.", "category:SANITATION",
 * "unit:12" (or "unit:" for no unit) and "total"; lines with nothing in them are left out.
 */
final class RecountedFigures {

	private static final String OPEN = StatisticsCells.OPEN;

	static final String RECOUNT = """
			with cell as (
			    select case when length(c.region_path) > :pathLength
			             then :path || split_part(substr(c.region_path, :pathLength + 1), '.', 1) || '.' else '' end as part,
			        c.category_code, c.unit_id,
			        count(*) filter (where x.found) as found,
			        count(*) filter (where x.found and c.registered_at < :end) as registered,
			        count(*) filter (where x.found and c.status = 'CLOSED' and c.closed_at < :end) as closed,
			        sum(extract(epoch from c.closed_at - c.reported_at))
			            filter (where x.found and c.status = 'CLOSED' and c.closed_at < :end) as close_seconds,
			        count(*) filter (where x.due) as due,
			        count(*) filter (where x.due and c.status = 'CLOSED' and c.closed_on_time) as closed_on_time,
			        count(*) filter (where x.found and (c.fix_submitted_at is not null or c.rework_count > 0
			            or c.status = 'CLOSED')) as fixed,
			        count(*) filter (where x.found and c.rework_count > 0) as reworked,
			        count(*) filter (where c.status in %1$s and c.due_at < :now) as overdue_now
			    from rectification_case c,
			        lateral (select (c.reported_at >= :start and c.reported_at < :end
			                            and c.status not in ('REJECTED', 'MERGED')) as found,
			                        (c.due_at >= :start and c.due_at < :dueEnd
			                            and c.status not in ('REJECTED', 'MERGED')) as due) x
			    where c.region_path >= :lower and c.region_path < :upper %2$s
			      and ((c.reported_at >= :start and c.reported_at < :end) or (c.due_at >= :start and c.due_at < :dueEnd)
			           or (c.status in %1$s and c.due_at < :now))
			    group by 1, 2, 3)
			select grouping(part) as g_part, grouping(category_code) as g_category, grouping(unit_id) as g_unit,
			    part, category_code, unit_id, sum(found) as found, sum(registered) as registered, sum(closed) as closed,
			    coalesce(sum(close_seconds), 0) as close_seconds, sum(due) as due, sum(closed_on_time) as closed_on_time,
			    sum(fixed) as fixed, sum(reworked) as reworked, sum(overdue_now) as overdue_now
			from cell
			group by grouping sets ((part), (category_code), (unit_id), ())""";

	private RecountedFigures() {
	}

	static Map<String, Figures> of(JdbcClient jdbc, StatisticsQuery query, List<CaseCategory> all, Instant now) {
		Region region = query.region();
		Instant start = query.from().atStartOfDay(CityTime.ZONE).toInstant();
		Instant end = query.to().plusDays(1).atStartOfDay(CityTime.ZONE).toInstant();
		Instant dueEnd = end.isAfter(now) ? now : end;
		Map<String, Object> params = new HashMap<>();
		params.put("start", Timestamp.from(start));
		params.put("end", Timestamp.from(end));
		params.put("dueEnd", Timestamp.from(dueEnd));
		params.put("now", Timestamp.from(now));
		params.put("path", region.path());
		params.put("pathLength", region.path().length());
		params.put("lower", region.scope().lower());
		params.put("upper", region.scope().upper());
		StringBuilder filters = new StringBuilder();
		if (query.category() != null) {
			params.put("categories", CaseStatistics.leavesOf(query.category(), all));
			filters.append(" and c.category_code in (:categories)");
		}
		if (query.unit() != null) {
			params.put("unit", query.unit().id());
			filters.append(" and c.unit_id = :unit");
		}
		Map<String, Figures> lines = new TreeMap<>();
		jdbc.sql(RECOUNT.formatted(OPEN, filters)).params(params).query((RowCallbackHandler) rs -> {
			Figures figures = new Figures(rs.getLong("found"), rs.getLong("registered"), rs.getLong("closed"),
					rs.getLong("due"), rs.getLong("closed_on_time"), rs.getLong("fixed"), rs.getLong("reworked"),
					rs.getLong("overdue_now"), rs.getDouble("close_seconds"));
			String key;
			if (rs.getInt("g_part") == 0) {
				key = "part:" + rs.getString("part");
			}
			else if (rs.getInt("g_category") == 0) {
				key = "category:" + rs.getString("category_code");
			}
			else if (rs.getInt("g_unit") == 0) {
				Long unit = rs.getObject("unit_id", Long.class);
				key = "unit:" + (unit == null ? "" : unit);
			}
			else {
				key = "total";
			}
			if (!figures.equals(Figures.NONE)) {
				lines.put(key, figures);
			}
		});
		return lines;
	}

	/** The same lines read from a report made from the cells. */
	static Map<String, Figures> of(CaseStatistics.Report report, Map<String, String> pathsByCode) {
		Map<String, Figures> lines = new TreeMap<>();
		for (CaseStatistics.Line line : report.byRegion()) {
			String part = line.kind() == CaseStatistics.Kind.REGION_ITSELF ? "" : pathsByCode.get(line.key());
			put(lines, "part:" + part, line.figures());
		}
		for (CaseStatistics.Line line : report.byCategory()) {
			if (line.kind() == CaseStatistics.Kind.CATEGORY) {
				put(lines, "category:" + line.key(), line.figures());
			}
		}
		for (CaseStatistics.Line line : report.byUnit()) {
			put(lines, "unit:" + line.key(), line.figures());
		}
		put(lines, "total", report.total());
		return lines;
	}

	private static void put(Map<String, Figures> lines, String key, Figures figures) {
		if (!figures.equals(Figures.NONE)) {
			lines.put(key, figures);
		}
	}
}
