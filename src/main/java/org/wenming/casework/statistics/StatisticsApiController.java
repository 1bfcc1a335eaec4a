package org.wenming.casework.statistics;

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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.CityTime;
import org.wenming.shared.ScopedUser;

/**
 * The statistics over JSON for staff (same filters, figures and scope as the page), and the
 * published red/black lists for everyone.
 */
@RestController
class StatisticsApiController {

	private final CaseStatistics statistics;

	private final StatisticsFilters filters;

	private final CaseRankings rankings;

	private final MessageSource messages;

	StatisticsApiController(CaseStatistics statistics, StatisticsFilters filters, CaseRankings rankings,
			MessageSource messages) {
		this.statistics = statistics;
		this.filters = filters;
		this.rankings = rankings;
		this.messages = messages;
	}

	/** Every figure always present: a rate with nothing to divide by is null, never 0 or NaN. */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record FiguresJson(long found, long registered, long closed, BigDecimal completionRate, long due,
			long closedOnTime, BigDecimal onTimeRate, long fixed, long reworked, BigDecimal reworkRate,
			BigDecimal averageDaysToClose, long overdueNow) {

		static FiguresJson of(Figures f) {
			return new FiguresJson(f.found(), f.registered(), f.closed(), f.completionRate(), f.due(),
					f.closedOnTime(), f.onTimeRate(), f.fixed(), f.reworked(), f.reworkRate(), f.averageDaysToClose(),
					f.overdueNow());
		}
	}

	record LineJson(String key, String name, String kind, FiguresJson figures) {
	}

	record Named(String code, String name) {
	}

	record StatisticsJson(LocalDate from, LocalDate to, OffsetDateTime asOf, Named region, Named category,
			Named unit, FiguresJson total, List<LineJson> byRegion, List<LineJson> byCategory, List<LineJson> byUnit,
			Map<String, String> definitions) {
	}

	@GetMapping("/api/v1/casework/statistics")
	StatisticsJson statistics(@AuthenticationPrincipal ScopedUser user, StatisticsFilters.Raw raw,
			Locale locale) {
		StatisticsController.requireStaff(user);
		StatisticsQuery query = filters.query(raw, user.scope());
		CaseStatistics.Report report = statistics.report(query);
		boolean chinese = "zh".equals(locale.getLanguage());
		Map<String, String> definitions = new LinkedHashMap<>();
		Tables.DEFINED.forEach(c -> definitions.put(c, messages.getMessage("casework.statistics.def." + c, null, locale)));
		return new StatisticsJson(query.from(), query.to(), report.asOf().atZone(CityTime.ZONE).toOffsetDateTime(),
				new Named(query.region().code(), query.region().name()),
				query.category() == null ? null
						: new Named(query.category().code(), query.category().name(locale)),
				query.unit() == null ? null : new Named(String.valueOf(query.unit().id()), query.unit().name()),
				FiguresJson.of(report.total()), lines(report.byRegion(), chinese), lines(report.byCategory(), chinese),
				lines(report.byUnit(), chinese), definitions);
	}

	private static List<LineJson> lines(List<CaseStatistics.Line> lines, boolean chinese) {
		return lines.stream()
			.map(l -> new LineJson(l.key(), l.name(chinese), l.kind().name(), FiguresJson.of(l.figures())))
			.toList();
	}

	record RankingsJson(List<Ranking.Summary> runs, Ranking latest) {
	}

	/** The recent runs (newest first) and the latest list in full; public: names and figures only. */
	@GetMapping("/api/v1/casework/rankings")
	RankingsJson rankings() {
		return new RankingsJson(rankings.recent(52), rankings.latest().orElse(null));
	}

	@GetMapping("/api/v1/casework/rankings/{id}")
	Ranking ranking(@PathVariable String id) {
		return rankings.find(QueryParameters.id(id)).orElseThrow(RecordNotFound::new);
	}
}
