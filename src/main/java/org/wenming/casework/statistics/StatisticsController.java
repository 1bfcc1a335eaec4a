package org.wenming.casework.statistics;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.casework.Cases;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.PageController;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * The staff statistics page (整改统计), its XLSX and PDF downloads, and publishing a red/black list
 * on demand. Everything is confined to the reader's region; a region or unit outside it is not
 * found.
 */
@Controller
class StatisticsController extends PageController {

	private final CaseStatistics statistics;

	private final StatisticsFilters filters;

	private final CaseRankings rankings;

	private final Tables tables;

	private final Documents documents;

	private final Cases cases;

	private final Regions regions;

	private final JdbcClient jdbc;

	private final MessageSource messages;

	StatisticsController(CaseStatistics statistics, StatisticsFilters filters, CaseRankings rankings, Tables tables,
			Documents documents, Cases cases, Regions regions, JdbcClient jdbc, MessageSource messages) {
		this.statistics = statistics;
		this.filters = filters;
		this.rankings = rankings;
		this.tables = tables;
		this.documents = documents;
		this.cases = cases;
		this.regions = regions;
		this.jdbc = jdbc;
		this.messages = messages;
	}

	/** Civilization-office staff and inspectors read the figures; the system administrator too. */
	static void requireStaff(ScopedUser user) {
		if (user == null || !(user.hasRole(Roles.OFFICE_STAFF) || user.hasRole(Roles.SYSTEM_ADMIN)
				|| user.hasRole(Roles.INSPECTOR))) {
			throw new AccessDeniedException("casework statistics are for staff");
		}
	}

	@GetMapping("/admin/casework/statistics")
	ModelAndView page(@AuthenticationPrincipal ScopedUser user, StatisticsFilters.Raw raw,
			Locale locale) {
		requireStaff(user);
		StatisticsQuery query;
		try {
			query = filters.query(raw, user.scope());
		}
		catch (InvalidInputException ex) {
			String message = messages.getMessage(ex.getMessage(), null, ex.getMessage(), locale);
			return view(user, null, raw, Map.of(ex.field(), message), HttpStatus.BAD_REQUEST);
		}
		return view(user, statistics.report(query), raw, Map.of(), HttpStatus.OK);
	}

	private ModelAndView view(ScopedUser user, CaseStatistics.Report report, StatisticsFilters.Raw raw,
			Map<String, String> errors, HttpStatus status) {
		Region home = filters.region(null, user.scope());
		Region shown = report == null ? home : report.query().region();
		List<Region> breadcrumb = regions.breadcrumb(shown).stream().filter(r -> user.scope().covers(r.path()))
			.toList();
		LocalDate[] week = rankings.lastWeek();
		return new ModelAndView("casework/statistics/statistics",
				Map.of("page", new StatisticsPage(report, raw, errors, cases.categories(), units(user.scope()),
						breadcrumb, mayPublish(user), week[0].toString(), week[1].toString())),
				status);
	}

	/** The units the reader may filter by: those based inside their region. */
	private List<StatisticsQuery.Unit> units(DataScope scope) {
		return jdbc.sql("""
				select id, name, region_path from responsible_unit
				where region_path >= :lower and region_path < :upper order by name, id limit 500""")
			.param("lower", scope.lower()).param("upper", scope.upper())
			.query((rs, n) -> new StatisticsQuery.Unit(rs.getLong("id"), rs.getString("name"), rs.getString("region_path")))
			.list();
	}

	@GetMapping("/admin/casework/statistics.xlsx")
	ResponseEntity<byte[]> xlsx(@AuthenticationPrincipal ScopedUser user, StatisticsFilters.Raw raw,
			@RequestParam(required = false) String table, Locale locale) {
		requireStaff(user);
		Tables.Which which = which(table);
		CaseStatistics.Report report = statistics.report(filters.query(raw, user.scope()));
		byte[] body = documents.xlsx(tables.statistics(report, which, locale), tables.definitions(locale), locale);
		return download(body, "casework-statistics-" + report.query().from() + "-" + report.query().to() + ".xlsx",
				MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
	}

	@GetMapping("/admin/casework/statistics.pdf")
	ResponseEntity<byte[]> pdf(@AuthenticationPrincipal ScopedUser user, StatisticsFilters.Raw raw,
			@RequestParam(required = false) String table, Locale locale) {
		requireStaff(user);
		Tables.Which which = which(table);
		CaseStatistics.Report report = statistics.report(filters.query(raw, user.scope()));
		String subtitle = documents.t("casework.statistics.period", locale, report.query().from(), report.query().to())
				+ " · " + documents.t("casework.statistics.asOf", locale,
						report.asOf().atZone(org.wenming.shared.CityTime.ZONE).toLocalDateTime().withNano(0).toString()
							.replace('T', ' '));
		byte[] body = documents.pdf(documents.t("casework.statistics.title", locale), subtitle,
				tables.statistics(report, which, locale), tables.definitions(locale), locale);
		return download(body, "casework-statistics-" + report.query().from() + "-" + report.query().to() + ".pdf",
				MediaType.APPLICATION_PDF);
	}

	static Tables.Which which(String table) {
		if (table == null || table.isEmpty()) {
			return Tables.Which.ALL;
		}
		return switch (table) {
			case "regions" -> Tables.Which.REGIONS;
			case "categories" -> Tables.Which.CATEGORIES;
			case "units" -> Tables.Which.UNITS;
			default -> throw new InvalidInputException("table", "casework.statistics.table.unknown");
		};
	}

	static ResponseEntity<byte[]> download(byte[] body, String filename, MediaType type) {
		return ResponseEntity.ok().contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.body(body);
	}

	/** Publishing a list ranks every district of the city, so it is for city-level office staff. */
	private boolean mayPublish(ScopedUser user) {
		Region city = filters.region(null, DataScope.EVERYTHING);
		return (user.hasRole(Roles.OFFICE_STAFF) || user.hasRole(Roles.SYSTEM_ADMIN)) && user.scope().covers(city.path());
	}

	@PostMapping("/admin/casework/rankings")
	ModelAndView publish(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		requireStaff(user);
		if (!mayPublish(user)) {
			throw new AccessDeniedException("publishing a red/black list is for city-level office staff");
		}
		var period = StatisticsFilters.period(new StatisticsFilters.Raw(null, null, null, null,
				from == null || from.isEmpty() ? "-" : from, to == null || to.isEmpty() ? "-" : to, null, null, null),
				filters.today());
		long id = rankings.publishNow(period.from(), period.to(), user.username());
		return new ModelAndView("redirect:/casework/rankings/" + id);
	}
}
