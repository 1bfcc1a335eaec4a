package org.wenming.servicedesk.statistics.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.servicedesk.statistics.ServiceDeskStatistics;
import org.wenming.servicedesk.statistics.ServiceFigures;
import org.wenming.servicedesk.statistics.StatisticsQuery;
import org.wenming.shared.CityTime;
import org.wenming.shared.ScopedUser;

/**
 * The service desk's statistics as JSON ({@code GET /api/v1/service/statistics?region=&year=&month=}): the
 * page's figures and scope; a rate or time with nothing to count is null (the key always present).
 */
@RestController
class ServiceStatisticsApi {

	private final ServiceDeskStatistics statistics;

	private final MessageSource messages;

	ServiceStatisticsApi(ServiceDeskStatistics statistics, MessageSource messages) {
		this.statistics = statistics;
		this.messages = messages;
	}

	@JsonInclude(JsonInclude.Include.ALWAYS)
	record FiguresJson(long orders, long dispatched, long served, BigDecimal completionRate, long rated, long unrated,
			BigDecimal ratingRate, BigDecimal meanStars, long satisfied, BigDecimal satisfactionRate, long declined,
			long cancelled, StageJson acceptHours, StageJson serveHours, StageJson totalHours) {

		static FiguresJson of(ServiceFigures f) {
			return new FiguresJson(f.orders(), f.dispatched(), f.served(), f.completionRate(), f.rated(), f.unrated(),
					f.ratingRate(), f.meanStars(), f.satisfied(), f.satisfactionRate(), f.declined(), f.cancelled(),
					StageJson.of(f.acceptHours()), StageJson.of(f.serveHours()), StageJson.of(f.totalHours()));
		}
	}

	/** Median and p90 in calendar hours; both null when no order went through the stage. */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record StageJson(BigDecimal median, BigDecimal p90) {

		static StageJson of(ServiceFigures.Stage stage) {
			return new StageJson(stage.median(), stage.p90());
		}
	}

	record LineJson(String key, String name, FiguresJson figures) {
	}

	record Named(String code, String name) {
	}

	/**
	 * @param bySite the sites with the most orders first, at most {@code sites} of them (all with
	 *        {@code sites=all})
	 * @param sitesTotal how many sites have a line; the XLSX download and a county's figures list them all
	 */
	record StatisticsJson(LocalDate from, LocalDate to, OffsetDateTime asOf, Named region, FiguresJson total,
			List<LineJson> byCategory, List<LineJson> bySite, int sitesTotal, List<LineJson> byCounty,
			List<LineJson> byMonth, Map<String, String> definitions) {
	}

	@GetMapping("/api/v1/service/statistics")
	StatisticsJson statistics(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String region,
			@RequestParam(required = false) String year, @RequestParam(required = false) String month,
			@RequestParam(required = false) String sites, Locale locale) {
		ServiceDeskStatistics.requireReader(user);
		StatisticsQuery query = statistics.query(region, year, month, user.scope());
		ServiceDeskStatistics.Report report = statistics.report(query, locale, SiteLines.limit(sites));
		Map<String, String> definitions = new LinkedHashMap<>();
		ServiceStatisticsPages.DEFINED
			.forEach(c -> definitions.put(c, messages.getMessage("servicedesk.statistics.def." + c, null, locale)));
		return new StatisticsJson(query.from(), query.to(), report.asOf().atZone(CityTime.ZONE).toOffsetDateTime(),
				new Named(query.region().code(), query.region().name()), FiguresJson.of(report.total()),
				lines(report.byCategory()), lines(report.bySite()), report.sitesTotal(),
				lines(report.byCounty()), lines(report.byMonth()), definitions);
	}

	private static List<LineJson> lines(List<ServiceDeskStatistics.Line> lines) {
		return lines.stream().map(l -> new LineJson(l.key(), l.name(), FiguresJson.of(l.figures()))).toList();
	}
}
