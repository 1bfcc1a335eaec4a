package org.wenming.servicedesk.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.shared.DataScope;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The service desk's statistics cells (migration V50; docs/notes/servicedesk.md, "Statistics from
 * maintained cells"). Triggers on {@code service_order} and {@code service_rating} append each change of
 * what an order counts to {@code service_stat_delta} in the writer's own transaction (insert only, so
 * concurrent orders never queue on a shared row); {@link #fold()} moves the committed deltas into
 * {@code service_stat_cell} (counts by period, county and category or site) and
 * {@code service_stat_stage_cell} (stage-time histograms by period and county) every 30 seconds on one
 * node. A read sums the cells and the deltas not yet folded in one statement, so it is exact at any time.
 * {@link #check()} compares both with a recount of {@code service_order}; {@link #rebuild()} recounts.
 */
@Component("serviceStatisticsCells")
public class StatisticsCells {

	private static final Logger log = LoggerFactory.getLogger(StatisticsCells.class);

	/** The additive counts, in the order of the cells' columns and of {@link ServiceFigures}. */
	static final List<String> COUNTS = List.of("orders", "dispatched", "served", "rated", "unrated", "satisfied",
			"stars_sum", "declined", "cancelled");

	/**
	 * The counts summed as {@code int}: {@code sum(bigint)} adds in {@code numeric}, several times slower, and
	 * the city's 1,600 site cells made it most of a statistics request's database time. A cell counts one
	 * county's orders of one period, far below 2^31; {@code sum(int)} adds in {@code bigint}.
	 */
	private static final String SUMS = String.join(", ", COUNTS.stream().map(c -> "sum(" + c + "::int) as " + c).toList());

	private static final String COLUMNS = String.join(", ", COUNTS);

	private static final String DELTA_COLUMNS = String.join(", ", COUNTS.stream().map(c -> "d." + c).toList());

	/** The deltas spread over their month and year and over the three dimensions, as the fold counts them. */
	private static final String DELTA_CELLS = """
			select m.period, d.county_path, x.dim, x.dim_key, %s
			from service_stat_delta d
			cross join lateral (values (d.month), (left(d.month, 4))) m(period)
			cross join lateral (values ('-', ''), ('C', d.category), ('S', d.site_id::text)) x(dim, dim_key)""".formatted(DELTA_COLUMNS);

	private final JdbcClient jdbc;

	StatisticsCells(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The cells' periods that make up the query's: its year ({@code yyyy}) when it is a calendar year, else
	 * its months ({@code yyyy-MM}); null when the cells cannot answer it (a period of part of a month, or a
	 * region below the county, whose orders the cells do not tell apart: those are counted from the orders,
	 * a town's or a village's being few).
	 */
	static List<String> periods(StatisticsQuery query) {
		LocalDate from = query.from();
		LocalDate to = query.to();
		String path = query.region().path();
		if (path.split("\\.").length > 3 || from.getDayOfMonth() != 1 || !to.equals(YearMonth.from(to).atEndOfMonth())
				|| to.isBefore(from)) {
			return null;
		}
		if (from.getDayOfYear() == 1 && to.getYear() == from.getYear() && to.getMonthValue() == 12) {
			return List.of(String.valueOf(from.getYear()));
		}
		return months(query);
	}

	/** The months of the query ({@code yyyy-MM}) for the lines by month. */
	static List<String> months(StatisticsQuery query) {
		List<String> months = new ArrayList<>();
		for (YearMonth m = YearMonth.from(query.from()); !m.isAfter(YearMonth.from(query.to())); m = m.plusMonths(1)) {
			months.add(m.toString());
		}
		return months;
	}

	/**
	 * The statistics' version (V57): the fold's generation and how many deltas are not yet folded. Between
	 * two folds the deltas only grow, so in one snapshot the pair names one state of the figures.
	 */
	record Version(long generation, long deltas) {
	}

	/** The version in the caller's snapshot (one statement: one snapshot outside a transaction). */
	Version version() {
		return jdbc.sql("select n, (select count(*) from service_stat_delta) from service_stat_generation")
			.query((rs, i) -> new Version(rs.getLong(1), rs.getLong(2)))
			.single();
	}

	interface CellSink {

		void accept(String period, String countyPath, String dim, String key, long[] counts);
	}

	/**
	 * The counts of the scope's counties: by category and without a dimension for the periods {@code main},
	 * and without a dimension for the {@code months} as well. The sites' counts are {@link #sites}'.
	 */
	void counts(DataScope scope, List<String> main, List<String> months, CellSink sink) {
		jdbc.sql("""
				select period, county_path, dim, dim_key, %1$s from (
				    select period, county_path, dim, dim_key, %2$s from service_stat_cell
				    where period = any(:main) and dim in ('-', 'C') and county_path >= :lower and county_path < :upper
				    union all
				    select period, county_path, dim, dim_key, %2$s from service_stat_cell
				    where period = any(:months) and not period = any(:main) and dim = '-'
				        and county_path >= :lower and county_path < :upper
				    union all
				    select * from (%3$s
				        where d.county_path >= :lower and d.county_path < :upper) u
				    where (period = any(:main) and dim <> 'S') or (dim = '-' and period = any(:months))) c
				group by period, county_path, dim, dim_key""".formatted(SUMS, COLUMNS, DELTA_CELLS))
			.param("lower", scope.lower()).param("upper", scope.upper())
			.param("main", main.toArray(String[]::new)).param("months", months.toArray(String[]::new))
			.query((ResultSet rs) -> {
				long[] counts = new long[COUNTS.size()];
				for (int i = 0; i < counts.length; i++) {
					counts[i] = rs.getLong(5 + i);
				}
				sink.accept(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), counts);
			});
	}

	interface SiteSink {

		void accept(String siteId, String name, long[] counts);
	}

	/**
	 * The sites' counts over the scope's counties for the periods {@code main}: the first {@code limit} by
	 * orders, then by id — the order the lines are shown in — with their names; returns how many sites have
	 * orders. Bounded in the database (a city has some 1,600 sites; only the lines shown are named and sent).
	 */
	int sites(DataScope scope, List<String> main, int limit, SiteSink sink) {
		int[] total = { 0 };
		jdbc.sql("""
				with s as (
				    select dim_key, %1$s from (
				        select dim_key, %2$s from service_stat_cell
				        where dim = 'S' and period = any(:main) and county_path >= :lower and county_path < :upper
				        union all
				        select dim_key, %2$s from (%3$s
				            where d.county_path >= :lower and d.county_path < :upper) u
				        where dim = 'S' and period = any(:main)) c
				    group by dim_key
				    having sum(orders::int) <> 0),
				shown as (
				    select s.*, count(*) over () as total from s order by s.orders desc, s.dim_key::bigint limit :limit)
				select shown.*, coalesce(p.name, shown.dim_key) as name
				from shown left join published_practice_site p on p.id = shown.dim_key::bigint
				order by shown.orders desc, shown.dim_key::bigint""".formatted(SUMS, COLUMNS, DELTA_CELLS))
			.param("lower", scope.lower()).param("upper", scope.upper())
			.param("main", main.toArray(String[]::new)).param("limit", limit)
			.query((ResultSet rs) -> {
				long[] counts = new long[COUNTS.size()];
				for (int i = 0; i < counts.length; i++) {
					counts[i] = rs.getLong(2 + i);
				}
				total[0] = rs.getInt("total");
				sink.accept(rs.getString(1), rs.getString("name"), counts);
			});
		return total[0];
	}

	/**
	 * Median and p90 of each stage ({@code A} received → decision, {@code S} dispatched → served, {@code T}
	 * received → served) of the scope's orders in the periods, from the histograms: {@code percentile_cont}
	 * over the orders' bucket starts.
	 */
	Map<String, ServiceFigures.Stage> stages(DataScope scope, List<String> main) {
		Map<String, List<long[]>> histograms = new HashMap<>();
		jdbc.sql("""
				select stage, bucket, sum(n::int) as n from (
				    select stage, bucket, n from service_stat_stage_cell
				    where county_path >= :lower and county_path < :upper and period = any(:main)
				    union all
				    select s.stage, s.bucket, d.orders
				    from service_stat_delta d
				    cross join lateral (values (d.month), (left(d.month, 4))) m(period)
				    cross join lateral (values ('A', d.accept_s), ('S', d.serve_s), ('T', d.total_s)) s(stage, bucket)
				    where d.county_path >= :lower and d.county_path < :upper and m.period = any(:main)
				        and s.bucket is not null) h
				group by stage, bucket
				having sum(n::int) <> 0
				order by stage, bucket""")
			.param("lower", scope.lower()).param("upper", scope.upper()).param("main", main.toArray(String[]::new))
			.query((ResultSet rs) -> {
				histograms.computeIfAbsent(rs.getString("stage"), k -> new ArrayList<>())
					.add(new long[] { rs.getLong("bucket"), rs.getLong("n") });
			});
		Map<String, ServiceFigures.Stage> stages = new HashMap<>();
		histograms.forEach((stage, buckets) -> stages.put(stage, stage(buckets)));
		return stages;
	}

	/** {@code percentile_cont(0.5)} and {@code (0.9)} over the histogram's values (bucket, count), sorted. */
	static ServiceFigures.Stage stage(List<long[]> buckets) {
		long n = buckets.stream().mapToLong(b -> b[1]).sum();
		if (n <= 0) {
			return ServiceFigures.Stage.NONE;
		}
		return new ServiceFigures.Stage(hours(percentile(buckets, n, 0.5)), hours(percentile(buckets, n, 0.9)));
	}

	private static double percentile(List<long[]> buckets, long n, double p) {
		double position = p * (n - 1);
		long lower = (long) Math.floor(position);
		double fraction = position - lower;
		double low = value(buckets, lower);
		return fraction == 0 ? low : low + fraction * (value(buckets, lower + 1) - low);
	}

	/** The value at a 0-based rank of the sorted values the histogram stands for. */
	private static double value(List<long[]> buckets, long rank) {
		long seen = 0;
		for (long[] b : buckets) {
			seen += b[1];
			if (rank < seen) {
				return b[0];
			}
		}
		return buckets.get(buckets.size() - 1)[0];
	}

	private static BigDecimal hours(double seconds) {
		return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP);
	}

	/** Moves the committed deltas into the cells; returns how many. */
	@Transactional
	public long fold() {
		return jdbc.sql("select service_stat_fold()").query(Long.class).single();
	}

	@Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
	@SchedulerLock(name = "servicedesk-statistics-fold", lockAtMostFor = "10m")
	void scheduledFold() {
		long moved = fold();
		if (moved > 1000) {
			log.info("Folded {} service order changes into the statistics cells", moved);
		}
	}

	/** Recounts the cells from the orders (order changes wait until the caller's transaction ends). */
	@Transactional
	public long rebuild() {
		jdbc.sql("set local work_mem = '128MB'").update();
		return jdbc.sql("select service_stat_rebuild()").query(Long.class).single();
	}

	/**
	 * The cells (with the deltas not yet folded) compared with a recount of the orders: every figure that
	 * differs (at most 100), as {@code period county dim key: maintained [...] recounted [...]}; empty when equal.
	 */
	@Transactional(readOnly = true)
	public List<String> check() {
		List<String> differences = new ArrayList<>();
		String zeros = "array_fill(0::bigint, array[" + COUNTS.size() + "])";
		String array = "array[" + COLUMNS + "]::bigint[]";
		jdbc.sql("""
				with maintained as (
				    select period, county_path, dim, dim_key, %1$s as v from (
				        select period, county_path, dim, dim_key, %2$s from (
				            select period, county_path, dim, dim_key, %3$s from service_stat_cell
				            union all
				            %4$s) u
				        group by 1, 2, 3, 4) s),
				recounted as (
				    select period, county_path, dim, dim_key, %1$s as v from (
				        select m.period, f.county_path, x.dim, x.dim_key, %2$s
				        from service_order o left join service_rating r on r.order_id = o.id
				        cross join lateral service_stat_facts(o, r.stars) f
				        cross join lateral (values (f.month), (left(f.month, 4))) m(period)
				        cross join lateral (values ('-', ''), ('C', f.category), ('S', f.site_id::text)) x(dim, dim_key)
				        group by 1, 2, 3, 4) s)
				select period, county_path, dim, dim_key, coalesce(m.v, %5$s)::text as maintained, coalesce(r.v, %5$s)::text as recounted
				from maintained m full join recounted r using (period, county_path, dim, dim_key)
				where coalesce(m.v, %5$s) <> coalesce(r.v, %5$s)
				order by 1, 2, 3, 4
				limit 100""".formatted(array, SUMS, COLUMNS, DELTA_CELLS, zeros))
			.query((ResultSet rs) -> {
				differences.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)
						+ ": maintained " + rs.getString(5) + " recounted " + rs.getString(6));
			});
		jdbc.sql("""
				with maintained as (
				    select period, county_path, stage, bucket, sum(n) as n from (
				        select period, county_path, stage, bucket, n from service_stat_stage_cell
				        union all
				        select m.period, d.county_path, s.stage, s.bucket, d.orders
				        from service_stat_delta d
				        cross join lateral (values (d.month), (left(d.month, 4))) m(period)
				        cross join lateral (values ('A', d.accept_s), ('S', d.serve_s), ('T', d.total_s)) s(stage, bucket)
				        where s.bucket is not null) u
				    group by 1, 2, 3, 4),
				recounted as (
				    select m.period, f.county_path, s.stage, s.bucket, count(*) as n
				    from service_order o left join service_rating r on r.order_id = o.id
				    cross join lateral service_stat_facts(o, r.stars) f
				    cross join lateral (values (f.month), (left(f.month, 4))) m(period)
				    cross join lateral (values ('A', f.accept_s), ('S', f.serve_s), ('T', f.total_s)) s(stage, bucket)
				    where s.bucket is not null
				    group by 1, 2, 3, 4)
				select period, county_path, stage, bucket, coalesce(m.n, 0) as maintained, coalesce(r.n, 0) as recounted
				from maintained m full join recounted r using (period, county_path, stage, bucket)
				where coalesce(m.n, 0) <> coalesce(r.n, 0)
				order by 1, 2, 3, 4
				limit 100""")
			.query((ResultSet rs) -> {
				differences.add(rs.getString(1) + " " + rs.getString(2) + " stage " + rs.getString(3) + " "
						+ rs.getString(4) + ": maintained " + rs.getLong(5) + " recounted " + rs.getLong(6));
			});
		return differences;
	}
}
