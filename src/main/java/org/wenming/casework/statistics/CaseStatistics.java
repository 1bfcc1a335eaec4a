package org.wenming.casework.statistics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wenming.casework.CaseCategory;
import org.wenming.casework.Cases;
import org.wenming.platform.ReplicaReads;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;

/**
 * Rectification statistics (整改统计): the figures of {@link Figures} by the parts of a region
 * (districts of the city, towns of a district...), by category (leaf and group), and by
 * responsible unit, for a period. One aggregate query with grouping sets answers all three tables
 * and the total from the maintained cells ({@link StatisticsCells}) and a few cases read through
 * bounded index ranges, never a pass over all the cases; bound parameters only.
 */
@Service
public class CaseStatistics {

	/** One line of a table. {@code key} is a region code, a category code or a unit id ("" when none). */
	public record Line(String key, String name, String nameEn, Kind kind, Figures figures) {

		public String name(boolean chinese) {
			return chinese || nameEn == null ? name : nameEn;
		}
	}

	public enum Kind {
		/** a part of the region, which can be opened in turn */
		REGION,
		/** a village or community: nothing below it */
		REGION_LEAF,
		/** cases placed on the region itself rather than on one of its parts */
		REGION_ITSELF,
		CATEGORY_GROUP, CATEGORY, UNIT,
		/** cases not yet dispatched to a unit */
		NO_UNIT
	}

	public record Report(StatisticsQuery query, Instant asOf, Figures total, List<Line> byRegion,
			List<Line> byCategory, List<Line> byUnit) {
	}

	private static final String OPEN = StatisticsCells.OPEN;

	// The maintained cells (V24, StatisticsCells) of the period's whole years, months and edge days, plus
	// three bounded corrections read from the cases through their own indexes: cases due from now on (not
	// yet "due", not overdue), and cases reported in a past period but registered or closed after its end
	// (those open at that instant). Each table (by part, category, unit) reads the cells summed the way it
	// groups ('*' all categories, -1 all units) unless a filter needs the detail.
	// "found": reported in the period, not rejected (not a problem) and not merged (counted in the case it joined).
	private static final String CORRECTIONS = """
			raw as (
			    -- due from now on: not passed yet, so neither due in the period nor overdue now
			    select c.region_path as place, c.category_code, coalesce(c.unit_id, 0) as unit_id, 0 as found,
			        0 as registered, 0 as closed, cast(0 as bigint) as close_micros,
			        -(c.due_at < :end and c.due_at >= :start and c.status not in ('REJECTED', 'MERGED'))::int as due,
			        -(c.due_at < :end and c.due_at >= :start and c.status = 'CLOSED' and c.closed_on_time is true)::int
			            as closed_on_time,
			        0 as fixed, 0 as reworked, -(c.status in %1$s)::int as open_due
			    from rectification_case c
			    where c.due_at >= :now and c.region_path >= :lower and c.region_path < :upper %2$s
			    union all
			    -- reported in the period, registered only after its end
			    select c.region_path, c.category_code, coalesce(c.unit_id, 0), 0, -1, 0, 0, 0, 0, 0, 0, 0
			    from rectification_case c
			    where c.registered_at is not null
			      and tstzrange(c.reported_at, greatest(c.reported_at, c.registered_at), '(]') @> cast(:end as timestamptz)
			      and c.reported_at >= :start and c.status not in ('REJECTED', 'MERGED')
			      and c.region_path >= :lower and c.region_path < :upper %2$s
			    union all
			    -- reported in the period, closed only after its end
			    select c.region_path, c.category_code, coalesce(c.unit_id, 0), 0, 0, -1,
			        -cast(extract(epoch from c.closed_at - c.reported_at) * 1000000 as bigint), 0, 0, 0, 0, 0
			    from rectification_case c
			    where c.status = 'CLOSED'
			      and tstzrange(c.reported_at, greatest(c.reported_at, c.closed_at), '(]') @> cast(:end as timestamptz)
			      and c.reported_at >= :start and c.region_path >= :lower and c.region_path < :upper %2$s)""";

	/** One table's sources: the cells of the period, the open cells of every year, the corrections. */
	private static final String TABLE = """
			    select '%1$s' as t, k.place, k.category_code, k.unit_id, k.found, k.registered, k.closed, k.close_micros,
			        k.due, k.closed_on_time, k.fixed, k.reworked, 0 as open_due
			    from case_statistics_cell k
			    where (%2$s) and k.place >= :lower and k.place < :upper and %3$s
			    union all
			    select '%1$s', k.place, k.category_code, k.unit_id, 0, 0, 0, 0, 0, 0, 0, 0, k.open_due
			    from case_statistics_cell k
			    where k.grain = :openGrain and k.open_due <> 0 and k.place >= :lower and k.place < :upper and %3$s
			    union all
			    select '%1$s', raw.* from raw""";

	private static final String FIGURES = """
			with %1$s,
			src as (
			%2$s
			    union all
			%3$s
			    union all
			%4$s)
			select t, key, grouping(key) as g_key, sum(found) as found, sum(registered) as registered,
			    sum(closed) as closed, coalesce(sum(close_micros), 0) / 1000000.0 as close_seconds, sum(due) as due,
			    sum(closed_on_time) as closed_on_time, sum(fixed) as fixed, sum(reworked) as reworked,
			    sum(open_due) as overdue_now
			from (select src.*, case t when 'P' then case when length(place) > :pathLength
			                            then :path || split_part(substr(place, :pathLength + 1), '.', 1) || '.' else '' end
			                        when 'C' then category_code else coalesce(cast(nullif(unit_id, 0) as text), '') end as key
			      from src) s
			group by t, rollup (key)""";

	/** Below this depth of region (a town: 44.4412.441202.441202001.) the town cells cannot tell the parts apart. */
	private static final int TOWN_DEPTH = 4;

	private final JdbcClient jdbc;

	private final JdbcClient replica;

	private final Regions regions;

	private final Cases cases;

	private final Clock clock;

	CaseStatistics(JdbcClient jdbc, @ReplicaReads JdbcClient replica, Regions regions, Cases cases, Clock clock) {
		this.jdbc = jdbc;
		this.replica = replica;
		this.regions = regions;
		this.cases = cases;
		this.clock = clock;
	}

	/** The statistics pages' and API's report: a few seconds behind is fine, so read lag-tolerant ({@link ReplicaReads}). */
	public Report report(StatisticsQuery query) {
		return report(query, replica);
	}

	/** The same from the primary: for a ranking that is published and kept, as of now. */
	Report reportFromPrimary(StatisticsQuery query) {
		return report(query, jdbc);
	}

	private Report report(StatisticsQuery query, JdbcClient jdbc) {
		Instant now = clock.instant();
		Region region = query.region();
		Instant start = query.from().atStartOfDay(CityTime.ZONE).toInstant();
		Instant end = query.to().plusDays(1).atStartOfDay(CityTime.ZONE).toInstant();
		Map<String, Object> params = new HashMap<>();
		params.put("start", Timestamp.from(start));
		params.put("end", Timestamp.from(end));
		params.put("now", Timestamp.from(now));
		params.put("path", region.path());
		params.put("pathLength", region.path().length());
		params.put("lower", region.scope().lower());
		params.put("upper", region.scope().upper());
		boolean town = region.path().chars().filter(ch -> ch == '.').count() >= TOWN_DEPTH;
		String caseFilters = "";
		// the cells each table reads: summed over categories / units, or the detail a filter needs (a
		// town's PLACE cells are detail only)
		String categories = town ? "true" : "k.category_code = '*'";
		String units = town ? "true" : "k.unit_id = -1";
		List<CaseCategory> all = cases.categories();
		if (query.category() != null) {
			params.put("categories", leavesOf(query.category(), all));
			caseFilters += " and c.category_code in (:categories)";
			categories = "k.category_code in (:categories)";
		}
		if (query.unit() != null) {
			params.put("unit", query.unit().id());
			caseFilters += " and c.unit_id = :unit";
			units = "k.unit_id = :unit";
		}
		List<CellRange> ranges = town ? List.of(new CellRange("PLACE", query.from(), query.to()))
				: CellRange.of(query.from(), query.to());
		StringBuilder rangeSql = new StringBuilder();
		for (int i = 0; i < ranges.size(); i++) {
			CellRange r = ranges.get(i);
			rangeSql.append(i == 0 ? "" : " or ").append("(k.grain = :grain").append(i).append(" and k.bucket between :lo")
				.append(i).append(" and :hi").append(i).append(')');
			params.put("grain" + i, r.grain());
			params.put("lo" + i, java.sql.Date.valueOf(r.from()));
			params.put("hi" + i, java.sql.Date.valueOf(r.to()));
		}
		params.put("openGrain", town ? "PLACE" : "YEAR");
		String byPart = TABLE.formatted("P", rangeSql, categories + " and " + units);
		String byCategory = TABLE.formatted("C", rangeSql,
				(query.category() == null && !town ? "k.category_code <> '*'" : categories) + " and " + units);
		String byUnitCells = TABLE.formatted("U", rangeSql,
				categories + " and " + (query.unit() == null && !town ? "k.unit_id <> -1" : units));
		String sql = FIGURES.formatted(CORRECTIONS.formatted(OPEN, caseFilters), byPart, byCategory, byUnitCells);
		Map<String, Figures> byPartFigures = new HashMap<>();
		Map<String, Figures> byCategoryFigures = new HashMap<>();
		Map<Long, Figures> byUnit = new LinkedHashMap<>();
		Figures[] total = { Figures.NONE };
		jdbc.sql(sql).params(params).query((RowCallbackHandler) rs -> {
			Figures figures = figures(rs);
			String key = rs.getString("key");
			if (rs.getInt("g_key") == 1) {
				// every case is in exactly one part: the parts' sum is the total
				if ("P".equals(rs.getString("t"))) {
					total[0] = figures;
				}
				return;
			}
			switch (rs.getString("t")) {
				case "P" -> byPartFigures.put(key, figures);
				case "C" -> byCategoryFigures.put(key, figures);
				default -> byUnit.put(key.isEmpty() ? null : Long.valueOf(key), figures);
			}
		});
		return new Report(query, now, total[0], regionLines(region, byPartFigures), categoryLines(all, byCategoryFigures),
				unitLines(byUnit, jdbc));
	}

	private static Figures figures(ResultSet rs) throws SQLException {
		return new Figures(rs.getLong("found"), rs.getLong("registered"), rs.getLong("closed"), rs.getLong("due"),
				rs.getLong("closed_on_time"), rs.getLong("fixed"), rs.getLong("reworked"), rs.getLong("overdue_now"),
				rs.getDouble("close_seconds"));
	}

	/** Every part of the region in code order (those without cases show zeros), then cases on the region itself. */
	private List<Line> regionLines(Region region, Map<String, Figures> byPart) {
		List<Line> lines = new ArrayList<>();
		for (Region part : regions.children(region.code())) {
			Kind kind = part.level().depth() >= 5 ? Kind.REGION_LEAF : Kind.REGION;
			lines.add(new Line(part.code(), part.name(), null, kind, byPart.getOrDefault(part.path(), Figures.NONE)));
		}
		Figures itself = byPart.get("");
		if (itself != null) {
			lines.add(new Line(region.code(), region.name(), null, Kind.REGION_ITSELF, itself));
		}
		return lines;
	}

	/** Each group followed by its leaves; a group's figures are its leaves' sums. */
	private static List<Line> categoryLines(List<CaseCategory> all, Map<String, Figures> byCategory) {
		List<Line> lines = new ArrayList<>();
		for (CaseCategory group : all) {
			if (group.parentCode() != null) {
				continue;
			}
			List<Line> leaves = new ArrayList<>();
			Figures sum = Figures.NONE;
			for (CaseCategory leaf : all) {
				if (group.code().equals(leaf.parentCode())) {
					Figures figures = byCategory.getOrDefault(leaf.code(), Figures.NONE);
					sum = sum.plus(figures);
					leaves.add(new Line(leaf.code(), leaf.nameZh(), leaf.nameEn(), Kind.CATEGORY, figures));
				}
			}
			if (group.leaf()) {
				// a top-level leaf (a category without a group) stands on its own
				lines.add(new Line(group.code(), group.nameZh(), group.nameEn(), Kind.CATEGORY,
						byCategory.getOrDefault(group.code(), Figures.NONE)));
				continue;
			}
			lines.add(new Line(group.code(), group.nameZh(), group.nameEn(), Kind.CATEGORY_GROUP, sum));
			lines.addAll(leaves);
		}
		return lines;
	}

	/** Units by name; cases not dispatched to any unit last. */
	private List<Line> unitLines(Map<Long, Figures> byUnit, JdbcClient jdbc) {
		List<Long> ids = byUnit.keySet().stream().filter(id -> id != null).toList();
		Map<Long, String> names = names(ids, jdbc);
		List<Line> lines = new ArrayList<>();
		names.forEach((id, name) -> lines.add(new Line(String.valueOf(id), name, null, Kind.UNIT, byUnit.get(id))));
		if (byUnit.containsKey(null)) {
			lines.add(new Line("", "", null, Kind.NO_UNIT, byUnit.get(null)));
		}
		return lines;
	}

	private static Map<Long, String> names(Collection<Long> ids, JdbcClient jdbc) {
		Map<Long, String> names = new LinkedHashMap<>();
		if (!ids.isEmpty()) {
			jdbc.sql("select id, name from responsible_unit where id in (:ids) order by name, id").param("ids", ids)
				.query((RowCallbackHandler) rs -> {
					names.put(rs.getLong("id"), rs.getString("name"));
				});
		}
		return names;
	}

	static List<String> leavesOf(CaseCategory category, List<CaseCategory> all) {
		if (category.leaf()) {
			return List.of(category.code());
		}
		return all.stream().filter(c -> category.code().equals(c.parentCode())).map(CaseCategory::code).toList();
	}
}
