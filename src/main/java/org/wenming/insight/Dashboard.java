package org.wenming.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wenming.activity.ActivityType;
import org.wenming.activity.LectureSetting;
import org.wenming.casework.CaseCategory;
import org.wenming.casework.Cases;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.ReplicaReads;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.region.Regions;
import org.wenming.region.SiteQuery;
import org.wenming.shared.CityTime;
import org.wenming.volunteer.team.Teams;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The public dashboard's figures (数据大屏): the home city or one of its counties, one year. Read
 * from the maintained aggregates by key; a short cache (a few seconds, said on the page) sits on top
 * so a wall screen and a thousand phones cost the database a handful of queries per interval.
 * Practice sites are reference data from the region module, cached for ten minutes.
 */
@Service
public class Dashboard {

	static final int TOP = 10;

	private final Cells cells;

	private final JdbcClient jdbc;

	private final Regions regions;

	private final PracticeSites sites;

	private final Teams teams;

	private final Cases cases;

	private final Clock clock;

	private final int refreshSeconds;

	private final Cache<List<Object>, DashboardFigures> figures;

	private final Cache<String, long[]> siteCounts = Caffeine.newBuilder().maximumSize(2_000)
		.expireAfterWrite(Duration.ofMinutes(10)).build();

	Dashboard(Cells cells, @ReplicaReads JdbcClient jdbc, Regions regions, PracticeSites sites, Teams teams, Cases cases, Clock clock,
			InsightProperties properties) {
		int refreshSeconds = properties.dashboardRefreshSeconds();
		this.cells = cells;
		this.jdbc = jdbc;
		this.regions = regions;
		this.sites = sites;
		this.teams = teams;
		this.cases = cases;
		this.clock = clock;
		this.refreshSeconds = refreshSeconds;
		this.figures = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(Duration.ofSeconds(refreshSeconds))
			.build();
	}

	public int refreshSeconds() {
		return refreshSeconds;
	}

	public Region homeCity() {
		return sites.homeCity();
	}

	/**
	 * The public region: the home city or one of its counties; null or empty for the city.
	 *
	 * @throws InvalidInputException naming {@code region} for anything else
	 */
	public Region publicRegion(String code) {
		Region city = homeCity();
		if (code == null || code.isEmpty()) {
			return city;
		}
		if (!code.matches("\\d{4,12}")) {
			throw new InvalidInputException("region", "insight.error.region");
		}
		return regions.find(code)
			.filter(r -> r.code().equals(city.code())
					|| (r.level() == RegionLevel.COUNTY && r.path().startsWith(city.path())))
			.orElseThrow(() -> new InvalidInputException("region", "insight.error.region"));
	}

	/**
	 * A year with data for the region (from its first figure to this year); null or empty for this year.
	 *
	 * @throws InvalidInputException naming {@code year} for anything else
	 */
	public int year(String text, Region region) {
		int thisYear = thisYear();
		if (text == null || text.isEmpty()) {
			return thisYear;
		}
		int first = firstYear(region);
		if (!text.matches("\\d{4}") || Integer.parseInt(text) < first || Integer.parseInt(text) > thisYear) {
			throw new InvalidInputException("year", "insight.error.year");
		}
		return Integer.parseInt(text);
	}

	int thisYear() {
		return LocalDate.now(clock.withZone(CityTime.ZONE)).getYear();
	}

	int firstYear(Region region) {
		return cells.firstMonth(region.code()).map(LocalDate::getYear).filter(y -> y < thisYear()).orElse(thisYear());
	}

	public DashboardFigures figures(Region region, int year, Locale locale) {
		return figures.get(List.of(region.code(), year, locale.toLanguageTag()), k -> compute(region, year, locale));
	}

	private DashboardFigures compute(Region region, int year, Locale locale) {
		LocalDate from = LocalDate.of(year, 1, 1);
		LocalDate to = from.plusYears(1);
		List<Region> children = regions.children(region.code());
		List<String> codes = new ArrayList<>();
		codes.add(region.code());
		children.forEach(c -> codes.add(c.code()));
		Map<String, Map<Metric, Map<String, BigDecimal>>> period = cells.period(codes, from, to);
		Map<Metric, Map<String, BigDecimal>> own = period.get(region.code());
		Map<Metric, BigDecimal> totals = cells.totals(region.code(),
				List.of(Metric.VOLUNTEERS_REGISTERED, Metric.VOLUNTEERS_WITHDRAWN, Metric.TEAMS, Metric.SERVICE_HOURS));
		long[] siteCount = siteCounts.get(region.code(), k -> new long[] {
				sites.directoryCount(new SiteQuery(region, null, false, null, 0, 1), region.scope()),
				sites.directoryCount(new SiteQuery(region, null, true, null, 0, 1), region.scope()) });

		List<DashboardFigures.Count> byType = new ArrayList<>();
		for (ActivityType type : ActivityType.values()) {
			byType.add(new DashboardFigures.Count(type.name(), Cells.get(own, Metric.ACTIVITIES, type.name()).longValue()));
		}
		List<DashboardFigures.Lecture> lectures = new ArrayList<>();
		for (LectureSetting setting : LectureSetting.values()) {
			lectures.add(new DashboardFigures.Lecture(setting.name(),
					Cells.get(own, Metric.LECTURES, setting.name()).longValue(),
					Cells.get(own, Metric.LECTURE_AUDIENCE, setting.name()).longValue()));
		}
		DashboardFigures.Headline headline = new DashboardFigures.Headline(
				value(totals, Metric.VOLUNTEERS_REGISTERED) - value(totals, Metric.VOLUNTEERS_WITHDRAWN),
				Cells.sum(own, Metric.VOLUNTEERS_REGISTERED).longValue(), value(totals, Metric.TEAMS),
				totals.getOrDefault(Metric.SERVICE_HOURS, BigDecimal.ZERO), Cells.sum(own, Metric.SERVICE_HOURS),
				Cells.sum(own, Metric.SERVICE_RECORDS).longValue(), siteCount[0], siteCount[1],
				Cells.sum(own, Metric.ACTIVITIES).longValue(), Cells.sum(own, Metric.LECTURES).longValue(),
				Cells.sum(own, Metric.LECTURE_AUDIENCE).longValue());

		List<DashboardFigures.Completion> byDistrict = new ArrayList<>();
		for (Region child : children) {
			Map<Metric, Map<String, BigDecimal>> f = period.get(child.code());
			byDistrict.add(completion(child.code(), child.name(), Cells.sum(f, Metric.CASES_FOUND),
					Cells.sum(f, Metric.CASES_CLOSED), Cells.sum(f, Metric.CASES_CLOSED_ON_TIME)));
		}
		DashboardFigures.Completion total = completion(region.code(), region.name(), Cells.sum(own, Metric.CASES_FOUND),
				Cells.sum(own, Metric.CASES_CLOSED), Cells.sum(own, Metric.CASES_CLOSED_ON_TIME));

		Map<Metric, Map<String, BigDecimal>> toDate = cells
			.period(List.of(region.code()), LocalDate.of(firstYear(region), 1, 1), to).get(region.code());
		List<DashboardFigures.Completion> toDateByCategory = new ArrayList<>();
		for (CaseCategory category : cases.categories()) {
			if (category.parentCode() != null) {
				toDateByCategory.add(completion(category.code(), category.name(locale),
						Cells.get(toDate, Metric.CASES_FOUND, category.code()),
						Cells.get(toDate, Metric.CASES_CLOSED, category.code()),
						Cells.get(toDate, Metric.CASES_CLOSED_ON_TIME, category.code())));
			}
		}
		DashboardFigures.Completion toDateTotal = completion(region.code(), region.name(),
				Cells.sum(toDate, Metric.CASES_FOUND), Cells.sum(toDate, Metric.CASES_CLOSED),
				Cells.sum(toDate, Metric.CASES_CLOSED_ON_TIME));

		return new DashboardFigures(region.code(), region.name(), year, firstYear(region), thisYear(), headline, byType,
				lectures, byDistrict, byCategory(own, locale), total, toDateByCategory, toDateTotal,
				months(region, from, to), provinceRank(region, year,
						Cells.sum(own, Metric.SERVICE_HOURS), headline.volunteers()),
				topTeams(region, year), topVolunteers(region, year), OffsetDateTime.now(clock), refreshSeconds);
	}

	private static long value(Map<Metric, BigDecimal> totals, Metric metric) {
		return totals.getOrDefault(metric, BigDecimal.ZERO).longValue();
	}

	static DashboardFigures.Completion completion(String key, String name, BigDecimal found, BigDecimal closed,
			BigDecimal onTime) {
		BigDecimal rate = found.signum() == 0 ? null
				: closed.multiply(BigDecimal.valueOf(100)).divide(found, 1, RoundingMode.HALF_UP);
		return new DashboardFigures.Completion(key, name, found.longValue(), closed.longValue(), onTime.longValue(), rate);
	}

	/** Completion by category group (the leaves' parents), in the casework module's order. */
	private List<DashboardFigures.Completion> byCategory(Map<Metric, Map<String, BigDecimal>> own, Locale locale) {
		List<CaseCategory> categories = cases.categories();
		Map<String, CaseCategory> byCode = new LinkedHashMap<>();
		categories.forEach(c -> byCode.put(c.code(), c));
		Map<String, BigDecimal[]> groups = new LinkedHashMap<>();
		categories.stream().filter(c -> c.parentCode() == null)
			.sorted(Comparator.comparingInt(CaseCategory::sortOrder))
			.forEach(g -> groups.put(g.code(), new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO }));
		for (Metric metric : List.of(Metric.CASES_FOUND, Metric.CASES_CLOSED, Metric.CASES_CLOSED_ON_TIME)) {
			if (own == null || own.get(metric) == null) {
				continue;
			}
			own.get(metric).forEach((leaf, value) -> {
				String group = group(leaf, byCode);
				groups.computeIfAbsent(group, g -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO });
				BigDecimal[] line = groups.get(group);
				int i = metric.ordinal() - Metric.CASES_FOUND.ordinal();
				line[i] = line[i].add(value);
			});
		}
		List<DashboardFigures.Completion> result = new ArrayList<>();
		groups.forEach((code, line) -> result.add(completion(code,
				byCode.containsKey(code) ? byCode.get(code).name(locale) : code, line[0], line[1], line[2])));
		return result;
	}

	private static String group(String code, Map<String, CaseCategory> byCode) {
		String current = code;
		for (int depth = 0; depth < 10 && byCode.containsKey(current) && byCode.get(current).parentCode() != null; depth++) {
			current = byCode.get(current).parentCode();
		}
		return current;
	}

	private List<DashboardFigures.Month> months(Region region, LocalDate from, LocalDate to) {
		Map<LocalDate, Map<Metric, BigDecimal>> byMonth = cells.months(region.code(), from, to);
		List<DashboardFigures.Month> result = new ArrayList<>(12);
		// the months to come are not zeros: the trend stops at the current month
		LocalDate nextMonth = LocalDate.now(clock.withZone(CityTime.ZONE)).withDayOfMonth(1).plusMonths(1);
		LocalDate end = nextMonth.isBefore(to) ? nextMonth : to;
		for (LocalDate m = from; m.isBefore(end); m = m.plusMonths(1)) {
			Map<Metric, BigDecimal> f = byMonth.getOrDefault(m, Map.of());
			result.add(new DashboardFigures.Month(m.toString().substring(0, 7),
					f.getOrDefault(Metric.VOLUNTEERS_REGISTERED, BigDecimal.ZERO).longValue(),
					f.getOrDefault(Metric.SERVICE_HOURS, BigDecimal.ZERO),
					f.getOrDefault(Metric.ACTIVITIES, BigDecimal.ZERO).longValue(),
					f.getOrDefault(Metric.LECTURES, BigDecimal.ZERO).longValue()));
		}
		return result;
	}

	/** Teams by hours of service they organized in the year, in the region. */
	private List<DashboardFigures.TopTeam> topTeams(Region region, int year) {
		return jdbc.sql("""
				select team_id, hours from insight_team_hours
				where year = :year and region_path >= :lower and region_path < :upper and hours > 0
				order by hours desc, team_id limit :top""")
			.param("year", year).param("lower", region.scope().lower()).param("upper", region.scope().upper())
			.param("top", TOP)
			.query((rs, n) -> new DashboardFigures.TopTeam(rs.getLong(1),
					teams.find(rs.getLong(1)).map(t -> t.name()).orElse("#" + rs.getLong(1)), rs.getBigDecimal(2)))
			.list();
	}

	/**
	 * Volunteers of the region (by home) by hours served in the year: only those who consented to be
	 * named publicly and have not withdrawn. The name and the hours, nothing else.
	 */
	private List<DashboardFigures.TopVolunteer> topVolunteers(Region region, int year) {
		return jdbc.sql("""
				select v.real_name, h.hours from insight_volunteer_hours h join published_volunteer v on v.id = h.volunteer_id
				where h.year = :year and h.hours > 0 and v.show_publicly and v.status = 'ACTIVE'
				    and v.region_path >= :lower and v.region_path < :upper
				order by h.hours desc, h.volunteer_id limit :top""")
			.param("year", year).param("lower", region.scope().lower()).param("upper", region.scope().upper())
			.param("top", TOP)
			.query((rs, n) -> new DashboardFigures.TopVolunteer(rs.getString(1), rs.getBigDecimal(2))).list();
	}

	/** The city among the province's cities by hours of the year; null for a county or without other cities' figures. */
	private DashboardFigures.ProvinceRank provinceRank(Region region, int year, BigDecimal hours, long volunteers) {
		if (region.level() != RegionLevel.CITY) {
			return null;
		}
		List<DashboardFigures.CityHours> table = new ArrayList<>(jdbc.sql("""
				select f.city_code, r.name, f.hours, f.volunteers from insight_province_figure f
				join published_region r on r.code = f.city_code where f.year = :year and f.city_code <> :ours""")
			.param("year", year).param("ours", region.code())
			.query((rs, n) -> new DashboardFigures.CityHours(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
					rs.getLong(4), false))
			.list());
		if (table.isEmpty()) {
			return null;
		}
		table.add(new DashboardFigures.CityHours(region.code(), region.name(), hours, volunteers, true));
		table.sort(Comparator.comparing(DashboardFigures.CityHours::hours).reversed()
			.thenComparing(DashboardFigures.CityHours::city));
		int rank = 1;
		for (DashboardFigures.CityHours line : table) {
			if (line.ours()) {
				break;
			}
			rank++;
		}
		return new DashboardFigures.ProvinceRank(rank, table.size(), table);
	}
}
