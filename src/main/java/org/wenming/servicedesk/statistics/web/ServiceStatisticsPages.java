package org.wenming.servicedesk.statistics.web;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.PageController;
import org.wenming.platform.TableDocuments;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.servicedesk.statistics.ServiceDeskStatistics;
import org.wenming.servicedesk.statistics.ServiceFigures;
import org.wenming.servicedesk.statistics.StatisticsQuery;
import org.wenming.shared.DataScope;
import org.wenming.shared.ScopedUser;

/**
 * 服务统计: the page {@code /admin/service/statistics?region=&year=&month=} and its XLSX download, confined
 * to the reader's scope (a region outside it: 404 and a security event); a malformed filter re-renders the
 * page with the message next to the field (400).
 */
@Controller
class ServiceStatisticsPages extends PageController {

	private final ServiceDeskStatistics statistics;

	private final Regions regions;

	private final PracticeSites sites;

	private final MessageSource messages;

	ServiceStatisticsPages(ServiceDeskStatistics statistics, Regions regions, PracticeSites sites, MessageSource messages) {
		this.statistics = statistics;
		this.regions = regions;
		this.sites = sites;
		this.messages = messages;
	}

	@GetMapping("/admin/service/statistics")
	ModelAndView page(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String region,
			@RequestParam(required = false) String year, @RequestParam(required = false) String month, Locale locale) {
		ServiceDeskStatistics.requireReader(user);
		ServiceDeskStatistics.Report report = null;
		Map<String, String> errors = new HashMap<>();
		try {
			report = statistics.report(statistics.query(region, year, month, user.scope()), locale, SiteLines.DEFAULT);
		}
		catch (InvalidInputException ex) {
			errors.put(ex.field(), messages.getMessage(ex.getMessage(), null, ex.getMessage(), locale));
		}
		ModelAndView view = new ModelAndView("servicedesk/statistics/statistics", Map.of("view",
				new StatisticsView(report, blank(region), blank(year), blank(month), errors, choices(user.scope()))));
		view.setStatus(errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST);
		return view;
	}

	private static String blank(String value) {
		return value == null ? "" : value;
	}

	/** The regions to choose: the reader's own, and the counties (or towns) under it. */
	private List<Region> choices(DataScope scope) {
		String own = scope.isEverything() ? sites.homeCity().code() : scope.regionCode();
		List<Region> choices = new ArrayList<>();
		regions.find(own).ifPresent(r -> {
			choices.add(r);
			choices.addAll(regions.children(r.code()));
		});
		return choices;
	}

	@GetMapping("/admin/service/statistics.xlsx")
	ResponseEntity<byte[]> xlsx(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String region,
			@RequestParam(required = false) String year, @RequestParam(required = false) String month, Locale locale) {
		ServiceDeskStatistics.requireReader(user);
		StatisticsQuery query = statistics.query(region, year, month, user.scope());
		ServiceDeskStatistics.Report report = statistics.report(query, locale, ServiceDeskStatistics.ALL_SITES);
		List<TableDocuments.Table> tables = new ArrayList<>();
		tables.add(table(t("servicedesk.statistics.total", locale), List.of(new ServiceDeskStatistics.Line(null, "",
				query.region().name(), report.total())), locale));
		tables.add(table(t("servicedesk.statistics.byCategory", locale), report.byCategory(), locale));
		tables.add(table(t("servicedesk.statistics.bySite", locale), report.bySite(), locale));
		tables.add(table(t("servicedesk.statistics.byCounty", locale), report.byCounty(), locale));
		tables.add(table(t("servicedesk.statistics.byMonth", locale), report.byMonth(), locale));
		List<String> notes = DEFINED.stream().map(c -> t("servicedesk.statistics.col." + c, locale) + ": "
				+ t("servicedesk.statistics.def." + c, locale)).toList();
		byte[] body = TableDocuments.xlsx(tables, notes, t("servicedesk.statistics.definitions", locale));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename("service-statistics-" + query.region().code() + "-" + query.from() + "-" + query.to() + ".xlsx",
						StandardCharsets.UTF_8)
				.build()
				.toString())
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.body(body);
	}

	/** The figures with a definition, in the order of the columns. */
	static final List<String> DEFINED = List.of("orders", "dispatched", "served", "completionRate", "rated", "unrated",
			"ratingRate", "meanStars", "satisfactionRate", "acceptMedian", "acceptP90", "serveMedian", "serveP90");

	private TableDocuments.Table table(String title, List<ServiceDeskStatistics.Line> lines, Locale locale) {
		List<String> header = new ArrayList<>();
		header.add(t("servicedesk.statistics.col.name", locale));
		DEFINED.forEach(c -> header.add(t("servicedesk.statistics.col." + c, locale)));
		List<List<Object>> rows = new ArrayList<>();
		for (ServiceDeskStatistics.Line line : lines) {
			ServiceFigures f = line.figures();
			List<Object> row = new ArrayList<>();
			row.add(line.name());
			row.add(f.orders());
			row.add(f.dispatched());
			row.add(f.served());
			row.add(new TableDocuments.Rate(f.completionRate()));
			row.add(f.rated());
			row.add(f.unrated());
			row.add(new TableDocuments.Rate(f.ratingRate()));
			row.add(f.meanStars() == null ? TableDocuments.NO_RATE : f.meanStars());
			row.add(new TableDocuments.Rate(f.satisfactionRate()));
			row.add(hours(f.acceptHours().median()));
			row.add(hours(f.acceptHours().p90()));
			row.add(hours(f.serveHours().median()));
			row.add(hours(f.serveHours().p90()));
			rows.add(row);
		}
		return new TableDocuments.Table(title, header, rows);
	}

	private static Object hours(BigDecimal value) {
		return value == null ? TableDocuments.NO_RATE : value;
	}

	private String t(String key, Locale locale) {
		return messages.getMessage(key, null, locale);
	}
}
