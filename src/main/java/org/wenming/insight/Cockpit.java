package org.wenming.insight;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.wenming.platform.InvalidInputException;
import org.wenming.region.PracticeSite;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.region.Regions;
import org.wenming.region.SiteQuery;
import org.wenming.shared.CityTime;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * The staff cockpit: the same aggregates as the public dashboard, for office staff and system
 * administrators, confined to the staff member's region (a region outside it is answered as not
 * found, like every out-of-scope record), down to the practice sites of a town.
 */
@Service
public class Cockpit {

	public static final Set<String> ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF);

	/** Sites of one town listed at most (a town has one institute and a station per village: ~20-40). */
	static final int SITES_MAX = 500;

	private static final List<Metric> RUNNING = List.of(Metric.VOLUNTEERS_REGISTERED, Metric.VOLUNTEERS_WITHDRAWN,
			Metric.TEAMS);

	private final Cells cells;

	private final Regions regions;

	private final PracticeSites sites;

	private final Clock clock;

	Cockpit(Cells cells, Regions regions, PracticeSites sites, Clock clock) {
		this.cells = cells;
		this.regions = regions;
		this.sites = sites;
		this.clock = clock;
	}

	public static boolean mayView(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(ROLES::contains);
	}

	static void require(ScopedUser user) {
		if (!mayView(user)) {
			throw new AccessDeniedException("the cockpit is for office staff");
		}
	}

	/** The period: a month (2026-03) when given, else a year (2026), else this year. */
	public record Period(int year, String month, LocalDate from, LocalDate to) {
	}

	public Period period(String year, String month) {
		int thisYear = LocalDate.now(clock.withZone(CityTime.ZONE)).getYear();
		if (month != null && !month.isEmpty()) {
			YearMonth m;
			try {
				m = month.matches("\\d{4}-\\d{2}") ? YearMonth.parse(month) : null;
			}
			catch (DateTimeParseException ex) {
				m = null;
			}
			if (m == null || m.getYear() < 2000 || m.getYear() > thisYear) {
				throw new InvalidInputException("month", "insight.error.month");
			}
			if (year != null && !year.isEmpty() && !year.equals(String.valueOf(m.getYear()))) {
				throw new InvalidInputException("month", "insight.error.month");
			}
			return new Period(m.getYear(), m.toString(), m.atDay(1), m.plusMonths(1).atDay(1));
		}
		int y = thisYear;
		if (year != null && !year.isEmpty()) {
			if (!year.matches("\\d{4}") || Integer.parseInt(year) < 2000 || Integer.parseInt(year) > thisYear) {
				throw new InvalidInputException("year", "insight.error.year");
			}
			y = Integer.parseInt(year);
		}
		return new Period(y, null, LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1));
	}

	/**
	 * The region to show: the staff member's own region when none is given.
	 *
	 * @throws InvalidInputException for a malformed code or one outside the home city
	 * @throws OutOfScopeException for a region outside the staff member's scope (answered as not found)
	 */
	public Region region(String code, ScopedUser user) {
		require(user);
		Region city = sites.homeCity();
		if (code == null || code.isEmpty()) {
			String own = user.scope().isEverything() ? city.code() : user.scope().regionCode();
			return regions.find(own).filter(r -> r.path().startsWith(city.path())).orElse(city);
		}
		if (!code.matches("\\d{4,12}")) {
			throw new InvalidInputException("region", "insight.error.cockpitRegion");
		}
		Region region = regions.find(code).filter(r -> r.path().startsWith(city.path()))
			.orElseThrow(() -> new InvalidInputException("region", "insight.error.cockpitRegion"));
		if (!user.scope().covers(region.path())) {
			throw new OutOfScopeException("region", code);
		}
		return region;
	}

	public CockpitFigures figures(Region region, Period period, ScopedUser user) {
		require(user);
		if (!user.scope().covers(region.path())) {
			throw new OutOfScopeException("region", region.code());
		}
		List<Region> children = regions.children(region.code());
		List<String> codes = new ArrayList<>();
		codes.add(region.code());
		children.forEach(c -> codes.add(c.code()));
		Map<String, Map<Metric, Map<String, BigDecimal>>> inPeriod = cells.period(codes, period.from(), period.to());
		Map<String, Map<Metric, BigDecimal>> running = cells.totals(codes, RUNNING);
		List<CockpitFigures.Line> lines = new ArrayList<>();
		for (Region child : children) {
			lines.add(line(child, inPeriod, running));
		}
		List<CockpitFigures.SiteLine> siteLines = new ArrayList<>();
		if (region.level() == RegionLevel.TOWN) {
			List<PracticeSite> townSites = sites.directory(new SiteQuery(region, null, false, null, 0, SITES_MAX),
					region.scope()).items();
			Map<Long, Map<String, BigDecimal>> bySite = cells.sites(townSites.stream().map(PracticeSite::id).toList(),
					period.from(), period.to());
			for (PracticeSite site : townSites) {
				Map<String, BigDecimal> f = bySite.getOrDefault(site.id(), Map.of());
				siteLines.add(new CockpitFigures.SiteLine(site.id(), site.name(), site.kind().name(), site.demonstration(),
						f.getOrDefault(Metric.ACTIVITIES.name(), BigDecimal.ZERO).longValue(),
						f.getOrDefault(Metric.SERVICE_HOURS.name(), BigDecimal.ZERO)));
			}
		}
		List<CockpitFigures.Crumb> crumbs = regions.breadcrumb(region).stream()
			.filter(r -> user.scope().covers(r.path()) && r.level().depth() >= RegionLevel.CITY.depth())
			.map(r -> new CockpitFigures.Crumb(r.code(), r.name())).toList();
		return new CockpitFigures(region.code(), region.name(), region.level().name(), period.year(), period.month(),
				period.from(), period.to(), crumbs, line(region, inPeriod, running), lines, siteLines);
	}

	private static CockpitFigures.Line line(Region region, Map<String, Map<Metric, Map<String, BigDecimal>>> inPeriod,
			Map<String, Map<Metric, BigDecimal>> running) {
		Map<Metric, Map<String, BigDecimal>> f = inPeriod.get(region.code());
		Map<Metric, BigDecimal> r = running.getOrDefault(region.code(), Map.of());
		BigDecimal found = Cells.sum(f, Metric.CASES_FOUND);
		BigDecimal closed = Cells.sum(f, Metric.CASES_CLOSED);
		return new CockpitFigures.Line(region.code(), region.name(), region.level() != RegionLevel.VILLAGE,
				r.getOrDefault(Metric.VOLUNTEERS_REGISTERED, BigDecimal.ZERO)
					.subtract(r.getOrDefault(Metric.VOLUNTEERS_WITHDRAWN, BigDecimal.ZERO)).longValue(),
				Cells.sum(f, Metric.VOLUNTEERS_REGISTERED).longValue(),
				r.getOrDefault(Metric.TEAMS, BigDecimal.ZERO).longValue(), Cells.sum(f, Metric.SERVICE_HOURS),
				Cells.sum(f, Metric.SERVICE_RECORDS).longValue(), Cells.sum(f, Metric.ACTIVITIES).longValue(),
				Cells.sum(f, Metric.LECTURES).longValue(), Cells.sum(f, Metric.LECTURE_AUDIENCE).longValue(),
				found.longValue(), closed.longValue(), Cells.sum(f, Metric.CASES_CLOSED_ON_TIME).longValue(),
				Dashboard.completion("", "", found, closed, BigDecimal.ZERO).rate());
	}
}
