package org.wenming.servicedesk.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.platform.InvalidInputException;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The service desk's statistics (服务统计): orders of a region's villages and communities received in a
 * period, as a total and by category, by the site that holds them, by county and by month, each with the
 * completion rate, the stage times, the satisfaction of the rated orders and the rating rate beside it.
 *
 * <p><b>One SQL statement</b> with grouping sets (hashed) counts all of it from {@code service_order} (and
 * the rating of the rated); a second one sorts the period's orders for the stage times of the whole (the
 * lines carry counts and rates only: a percentile per line would sort the orders again for every grouping
 * set, seconds at 100,000 orders). The period and the region's subtree are bound parameters, the
 * {@code (region_path, received_at)} index confines the rows. Stage times are <b>calendar hours</b>
 * (weekends and holidays included), median and p90 by {@code percentile_cont} in the database, from the
 * order's stage timestamps: the working time of each order through {@code WorkingTime.between} would
 * have to bring every order of the period into the JVM (100,000 a year for the city), which the
 * 50 ms goal does not allow; the stage clocks themselves (due times, escalation) are on working time.
 *
 * <p><b>Kept reports</b>: a report read from the cells is kept by the node with the statistics' version it
 * was counted at (V57: the fold's generation and the deltas not yet folded, read in the report's own
 * snapshot) and answered again only while a one-row read finds the same version, so a kept answer is the
 * figures a recount would give at that moment, on every node (docs/notes/servicedesk.md, "A report kept
 * per node").
 */
@Service
@EnableConfigurationProperties(StatisticsProperties.class)
public class ServiceDeskStatistics {

	/** Who reads the figures: staff of the sites, civilization offices, inspectors, the administrator. */
	public static boolean mayRead(ScopedUser user) {
		return user != null && (PracticeSites.mayManage(user) || user.hasRole(Roles.OFFICE_STAFF)
				|| user.hasRole(Roles.INSPECTOR) || user.hasRole(Roles.SYSTEM_ADMIN));
	}

	public static void requireReader(ScopedUser user) {
		if (!mayRead(user)) {
			throw new AccessDeniedException("the service desk's statistics are for staff");
		}
	}

	public enum Kind {
		CATEGORY, SITE, COUNTY, MONTH
	}

	/** A line: a category code, a site id, a county code or a month {@code yyyy-MM}, with its name. */
	public record Line(Kind kind, String key, String name, ServiceFigures figures) {
	}

	/**
	 * @param bySite the sites with the most orders first (then by id), at most the limit asked for
	 * @param sitesTotal how many sites have orders in the period
	 */
	public record Report(StatisticsQuery query, Instant asOf, ServiceFigures total, List<Line> byCategory,
			List<Line> bySite, int sitesTotal, List<Line> byCounty, List<Line> byMonth) {

		/** Whether some sites are left out of {@link #bySite}. */
		public boolean sitesCut() {
			return bySite.size() < sitesTotal;
		}

		/** The same figures, true as of {@code instant} (a kept report whose version is still the database's). */
		Report asOf(Instant instant) {
			return new Report(query, instant, total, byCategory, bySite, sitesTotal, byCounty, byMonth);
		}
	}

	/** What a kept report answers: the same region, period, language and lines. */
	private record ReportKey(StatisticsQuery query, Locale locale, boolean withStages, int siteLimit) {
	}

	/** A kept report and the statistics' version it was counted at. */
	private record Kept(StatisticsCells.Version version, Report report) {
	}

	/** Every site line: for the XLSX download and {@code sites=all}. */
	public static final int ALL_SITES = Integer.MAX_VALUE;

	private final JdbcClient jdbc;

	private final Regions regions;

	private final PracticeSites sites;

	private final MessageSource messages;

	private final Clock clock;

	private final StatisticsCells cells;

	/** Null when {@code kept-reports} is 0. */
	private final Cache<ReportKey, Kept> kept;

	/** One snapshot for the version and every statement of a report. */
	private final TransactionTemplate snapshot;

	/** Reports answered from those kept, and counted from the cells (the bench reads both). */
	private final Counter keptAnswers;

	private final Counter countedAnswers;

	ServiceDeskStatistics(JdbcClient jdbc, Regions regions, PracticeSites sites, MessageSource messages, Clock clock,
			StatisticsCells cells, StatisticsProperties properties, PlatformTransactionManager transactions,
			MeterRegistry meters) {
		this.cells = cells;
		this.keptAnswers = answers("kept", meters);
		this.countedAnswers = answers("counted", meters);
		this.kept = properties.keptReports() == 0 ? null
				: Caffeine.newBuilder().maximumSize(properties.keptReports()).expireAfterWrite(properties.namesFor()).build();
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.snapshot.setReadOnly(true);
		this.jdbc = jdbc;
		this.regions = regions;
		this.sites = sites;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * The query from the request's filters: {@code region} (a region code inside the scope; the reader's
	 * own region by default, the home city for the whole installation), {@code year} ({@code yyyy}) or
	 * {@code month} ({@code yyyy-MM}); nothing = this year.
	 *
	 * @throws InvalidInputException naming the field for a malformed or unknown filter
	 * @throws OutOfScopeException for a region outside the scope (answered 404)
	 */
	public StatisticsQuery query(String region, String year, String month, DataScope scope) {
		Region chosen = region(region, scope);
		LocalDate today = LocalDate.now(clock.withZone(CityTime.ZONE));
		if (month != null && !month.isEmpty()) {
			YearMonth m;
			try {
				m = month.matches("\\d{4}-\\d{2}") ? YearMonth.parse(month) : null;
			}
			catch (DateTimeParseException ex) {
				m = null;
			}
			if (m == null || m.getYear() < 2000 || m.getYear() > 2100) {
				throw new InvalidInputException("month", "servicedesk.statistics.error.month");
			}
			return new StatisticsQuery(chosen, m.atDay(1), m.atEndOfMonth());
		}
		int y = today.getYear();
		if (year != null && !year.isEmpty()) {
			if (!year.matches("\\d{4}") || Integer.parseInt(year) < 2000 || Integer.parseInt(year) > 2100) {
				throw new InvalidInputException("year", "servicedesk.statistics.error.year");
			}
			y = Integer.parseInt(year);
		}
		return new StatisticsQuery(chosen, LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
	}

	private Region region(String code, DataScope scope) {
		if (code == null || code.isEmpty()) {
			String own = scope.isEverything() ? sites.homeCity().code() : scope.regionCode();
			return regions.find(own).orElseThrow(() -> new IllegalStateException("no region " + own));
		}
		if (!code.matches("\\d{2,12}")) {
			throw new InvalidInputException("region", "servicedesk.statistics.error.region");
		}
		Region region = regions.find(code)
			.orElseThrow(() -> new InvalidInputException("region", "servicedesk.statistics.error.region"));
		if (!scope.covers(region.path())) {
			throw new OutOfScopeException("region", code);
		}
		return region;
	}

	/**
	 * The figures of the query's region and period, names in the reader's language.
	 *
	 * @param siteLimit how many site lines at most, the most orders first ({@link #ALL_SITES} for all)
	 */
	public Report report(StatisticsQuery query, Locale locale, int siteLimit) {
		return report(query, locale, true, siteLimit);
	}

	/**
	 * @param withStages whether to read the stage times of the whole (the dashboards do not show them)
	 * @param siteLimit how many site lines at most, the most orders first ({@link #ALL_SITES} for all)
	 */
	public Report report(StatisticsQuery query, Locale locale, boolean withStages, int siteLimit) {
		if (siteLimit < 0) {
			throw new IllegalArgumentException("site limit " + siteLimit);
		}
		List<String> main = StatisticsCells.periods(query);
		if (main == null) {
			return recount(query, locale, withStages, siteLimit);
		}
		// every site line (the XLSX) is not kept: large and rare
		if (kept == null || siteLimit == ALL_SITES) {
			return snapshot.execute(tx -> fromCells(query, locale, withStages, siteLimit, main));
		}
		ReportKey key = new ReportKey(query, locale, withStages, siteLimit);
		Kept known = kept.getIfPresent(key);
		if (known != null && known.version().equals(cells.version())) {
			keptAnswers.increment();
			return known.report().asOf(clock.instant());
		}
		countedAnswers.increment();
		return snapshot.execute(tx -> {
			StatisticsCells.Version version = cells.version();
			Report report = fromCells(query, locale, withStages, siteLimit, main);
			kept.put(key, new Kept(version, report));
			return report;
		});
	}

	private static Counter answers(String answer, MeterRegistry meters) {
		return Counter.builder("wenming.servicedesk.statistics.reports")
			.description("statistics reports of a city or county for whole months: kept (the version unchanged) or counted from the cells")
			.tag("answer", answer).register(meters);
	}

	/** How many reports this node answered from those it kept (for tests). */
	long keptAnswers() {
		return (long) keptAnswers.count();
	}

	private Report fromCells(StatisticsQuery query, Locale locale, boolean withStages, int siteLimit, List<String> main) {
		List<String> months = StatisticsCells.months(query);
		DataScope scope = query.region().scope();
		Map<Kind, Map<String, long[]>> sums = new HashMap<>();
		for (Kind kind : Kind.values()) {
			sums.put(kind, new HashMap<>());
		}
		long[] sum = new long[StatisticsCells.COUNTS.size()];
		cells.counts(scope, main, months, (period, countyPath, dim, key, counts) -> {
			if (main.contains(period)) {
				switch (dim) {
					case "-" -> {
						add(sum, counts);
						add(sums.get(Kind.COUNTY).computeIfAbsent(county(countyPath), k -> new long[counts.length]), counts);
					}
					case "C" -> add(sums.get(Kind.CATEGORY).computeIfAbsent(key, k -> new long[counts.length]), counts);
					default -> throw new IllegalStateException("dimension " + dim);
				}
			}
			if ("-".equals(dim) && months.contains(period)) {
				add(sums.get(Kind.MONTH).computeIfAbsent(period, k -> new long[counts.length]), counts);
			}
		});
		Map<Kind, List<Line>> lines = new HashMap<>();
		sums.forEach((kind, byKey) -> lines.put(kind, byKey.entrySet().stream()
			.filter(e -> e.getValue()[0] != 0)
			.map(e -> new Line(kind, e.getKey(), null, figures(e.getValue())))
			.toList()));
		List<Line> bySite = new ArrayList<>();
		int sitesTotal = siteLimit == 0 ? 0
				: cells.sites(scope, main, siteLimit, (id, name, counts) -> bySite.add(new Line(Kind.SITE, id, name, figures(counts))));
		ServiceFigures t = figures(sum);
		ServiceFigures.Stage[] stages = { ServiceFigures.Stage.NONE, ServiceFigures.Stage.NONE, ServiceFigures.Stage.NONE };
		if (withStages && t.orders() > 0) {
			Map<String, ServiceFigures.Stage> read = cells.stages(scope, main);
			stages[0] = read.getOrDefault("A", ServiceFigures.Stage.NONE);
			stages[1] = read.getOrDefault("S", ServiceFigures.Stage.NONE);
			stages[2] = read.getOrDefault("T", ServiceFigures.Stage.NONE);
		}
		return report(query, locale, lines, bySite, sitesTotal, new ServiceFigures(t.orders(), t.dispatched(), t.served(),
				t.rated(), t.unrated(), t.satisfied(), t.starsSum(), t.declined(), t.cancelled(), stages[0], stages[1], stages[2]));
	}

	private static void add(long[] to, long[] counts) {
		for (int i = 0; i < counts.length; i++) {
			to[i] += counts[i];
		}
	}

	/** The county's code: the third part of the path ({@code 44.4412.441202.}), as {@code split_part} gives it. */
	private static String county(String countyPath) {
		String[] parts = countyPath.split("\\.");
		return parts.length >= 3 ? parts[2] : "";
	}

	private static ServiceFigures figures(long[] c) {
		return new ServiceFigures(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], ServiceFigures.Stage.NONE,
				ServiceFigures.Stage.NONE, ServiceFigures.Stage.NONE);
	}

	/**
	 * The figures counted from {@code service_order} itself in one pass (the way before the cells): for a
	 * town's or a village's region, for periods that are not whole months, and as the cells' oracle in tests.
	 */
	Report recount(StatisticsQuery query, Locale locale, boolean withStages, int siteLimit) {
		DataScope scope = query.region().scope();
		Map<Kind, List<Line>> lines = new HashMap<>();
		for (Kind kind : Kind.values()) {
			lines.put(kind, new ArrayList<>());
		}
		ServiceFigures[] total = { ServiceFigures.NONE };
		// the counts: hashed per grouping set, one pass over the period's orders
		jdbc.sql("""
				with o as (
				    select o.category, o.site_id, o.status, o.dispatched_at,
				        split_part(o.region_path, '.', 3) as county,
				        to_char(o.received_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
				        r.stars
				    from service_order o
				    left join service_rating r on r.order_id = o.id and o.status = 'RATED'
				    where o.region_path >= :lower and o.region_path < :upper
				        and o.received_at >= :start and o.received_at < :end)
				select grouping(category, site_id, county, month) as g, category, site_id, county, month,
				    count(*) as orders,
				    count(*) filter (where dispatched_at is not null or status in ('SERVED', 'RATED', 'UNRATED')) as dispatched,
				    count(*) filter (where status in ('SERVED', 'RATED', 'UNRATED')) as served,
				    count(stars) as rated,
				    count(*) filter (where status = 'UNRATED') as unrated,
				    count(*) filter (where stars >= 4) as satisfied,
				    coalesce(sum(stars), 0) as stars_sum,
				    count(*) filter (where status = 'DECLINED') as declined,
				    count(*) filter (where status = 'CANCELLED') as cancelled
				from o
				group by grouping sets ((), (category), (site_id), (county), (month))""")
			.param("lower", scope.lower()).param("upper", scope.upper())
			.param("start", Timestamp.from(query.start())).param("end", Timestamp.from(query.end()))
			.query((ResultSet rs) -> {
				ServiceFigures f = figures(rs);
				int g = rs.getInt("g");
				// grouping(category, site_id, county, month): a bit set for each column not grouped by
				switch (g) {
					case 15 -> total[0] = f;
					case 7 -> lines.get(Kind.CATEGORY).add(new Line(Kind.CATEGORY, rs.getString("category"), null, f));
					case 11 -> lines.get(Kind.SITE).add(new Line(Kind.SITE, String.valueOf(rs.getLong("site_id")), null, f));
					case 13 -> lines.get(Kind.COUNTY).add(new Line(Kind.COUNTY, rs.getString("county"), null, f));
					case 14 -> lines.get(Kind.MONTH).add(new Line(Kind.MONTH, rs.getString("month"), null, f));
					default -> throw new IllegalStateException("grouping " + g);
				}
			});
		// the stage times of the whole (a sort per figure: for the total only, not for every line)
		ServiceFigures.Stage[] stages = { ServiceFigures.Stage.NONE, ServiceFigures.Stage.NONE, ServiceFigures.Stage.NONE };
		if (withStages && total[0].orders() > 0) {
			jdbc.sql("""
					select percentile_cont(array[0.5, 0.9]) within group (order by extract(epoch from coalesce(accepted_at, dispatched_at) - received_at))
					        filter (where coalesce(accepted_at, dispatched_at) is not null) as accept,
					    percentile_cont(array[0.5, 0.9]) within group (order by extract(epoch from served_at - dispatched_at))
					        filter (where served_at is not null and dispatched_at is not null) as serve,
					    percentile_cont(array[0.5, 0.9]) within group (order by extract(epoch from served_at - received_at))
					        filter (where served_at is not null) as total
					from service_order
					where region_path >= :lower and region_path < :upper and received_at >= :start and received_at < :end""")
				.param("lower", scope.lower()).param("upper", scope.upper())
				.param("start", Timestamp.from(query.start())).param("end", Timestamp.from(query.end()))
				.query((ResultSet rs) -> {
					stages[0] = stage(rs, "accept");
					stages[1] = stage(rs, "serve");
					stages[2] = stage(rs, "total");
				});
		}
		ServiceFigures t = total[0];
		List<Line> bySite = sites(lines.get(Kind.SITE));
		return report(query, locale, lines, bySite.size() <= siteLimit ? bySite : bySite.subList(0, siteLimit),
				bySite.size(), new ServiceFigures(t.orders(), t.dispatched(), t.served(), t.rated(), t.unrated(),
						t.satisfied(), t.starsSum(), t.declined(), t.cancelled(), stages[0], stages[1], stages[2]));
	}

	private Report report(StatisticsQuery query, Locale locale, Map<Kind, List<Line>> lines, List<Line> bySite,
			int sitesTotal, ServiceFigures total) {
		return new Report(query, clock.instant(), total, categories(lines.get(Kind.CATEGORY), locale), bySite,
				sitesTotal, counties(lines.get(Kind.COUNTY)),
				lines.get(Kind.MONTH).stream().map(l -> new Line(l.kind(), l.key(), l.key(), l.figures()))
					.sorted(Comparator.comparing(Line::key)).toList());
	}

	private static ServiceFigures figures(ResultSet rs) throws SQLException {
		return new ServiceFigures(rs.getLong("orders"), rs.getLong("dispatched"), rs.getLong("served"),
				rs.getLong("rated"), rs.getLong("unrated"), rs.getLong("satisfied"), rs.getLong("stars_sum"),
				rs.getLong("declined"), rs.getLong("cancelled"), ServiceFigures.Stage.NONE, ServiceFigures.Stage.NONE,
				ServiceFigures.Stage.NONE);
	}

	private static ServiceFigures.Stage stage(ResultSet rs, String column) throws SQLException {
		java.sql.Array array = rs.getArray(column);
		if (array == null) {
			return ServiceFigures.Stage.NONE;
		}
		Object[] values = (Object[]) array.getArray();
		if (values[0] == null) {
			return ServiceFigures.Stage.NONE;
		}
		return new ServiceFigures.Stage(hours(((Number) values[0]).doubleValue()), hours(((Number) values[1]).doubleValue()));
	}

	private static BigDecimal hours(double seconds) {
		return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP);
	}

	private List<Line> categories(List<Line> lines, Locale locale) {
		Map<String, Integer> position = new HashMap<>();
		jdbc.sql("select code, position from service_category")
			.query((ResultSet rs) -> {
				position.put(rs.getString("code"), rs.getInt("position"));
			});
		return lines.stream()
			.map(l -> new Line(l.kind(), l.key(),
					messages.getMessage("servicedesk.category." + l.key(), null, l.key(), locale), l.figures()))
			.sorted(Comparator.comparing((Line l) -> position.getOrDefault(l.key(), Integer.MAX_VALUE))
				.thenComparing(Line::key))
			.toList();
	}

	private List<Line> sites(List<Line> lines) {
		Map<String, String> names = new HashMap<>();
		if (!lines.isEmpty()) {
			Long[] ids = lines.stream().map(l -> Long.valueOf(l.key())).toArray(Long[]::new);
			jdbc.sql("select id, name from published_practice_site where id = any(:ids)").param("ids", ids)
				.query((ResultSet rs) -> {
					names.put(String.valueOf(rs.getLong("id")), rs.getString("name"));
				});
		}
		return lines.stream()
			.map(l -> new Line(l.kind(), l.key(), names.getOrDefault(l.key(), l.key()), l.figures()))
			.sorted(Comparator.comparing((Line l) -> -l.figures().orders()).thenComparing(l -> Long.parseLong(l.key())))
			.toList();
	}

	private List<Line> counties(List<Line> lines) {
		Map<String, String> names = new HashMap<>();
		regions.findAll(lines.stream().map(Line::key).toList()).forEach(r -> names.put(r.code(), r.name()));
		return lines.stream()
			.map(l -> new Line(l.kind(), l.key(), names.getOrDefault(l.key(), l.key()), l.figures()))
			.sorted(Comparator.comparing(Line::key))
			.toList();
	}
}
