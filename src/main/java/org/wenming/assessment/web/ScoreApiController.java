package org.wenming.assessment.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.assessment.AssessmentFigures.FixedSince;
import org.wenming.assessment.AssessmentFigures.Rate;
import org.wenming.assessment.AssessmentFigures.Round;
import org.wenming.assessment.AssessmentFigures.Trend;
import org.wenming.assessment.score.RoundReport;
import org.wenming.assessment.score.Scores;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.QueryParameters;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.shared.ScopedUser;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A round's scores, most failed criteria, hand-overs and the trend over JSON, with the page's scope rules. */
@RestController
class ScoreApiController {

	private final Scores scores;

	private final MessageSource messages;

	ScoreApiController(Scores scores, MessageSource messages) {
		this.scores = scores;
		this.messages = messages;
	}

	/**
	 * @param children the region's children ranked (counties of the city, towns of a county), empty at a town
	 * @param definitions what each figure counts, in the reader's language
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record ScoresJson(Round round, boolean provisional, Named region, Rate total, List<Rate> children,
			List<Rate> byType, FixedSince fixedSince, Map<String, String> definitions) {
	}

	record Named(String code, String name, String level) {
	}

	@GetMapping("/api/v1/assessment/rounds/{id}/scores")
	ScoresJson scores(@PathVariable String id, @RequestParam(required = false) String region,
			@AuthenticationPrincipal ScopedUser user, Locale locale) {
		Round round = scores.readable(QueryParameters.id(id), user);
		Region shown = region(round, region, user);
		boolean atPlaces = shown.level() == RegionLevel.TOWN || shown.level() == RegionLevel.VILLAGE;
		List<Rate> children = atPlaces ? List.of() : scores.byChildren(round, shown.path(), shown.scope());
		Rate total = atPlaces ? scores.total(round, shown.scope()) : Scores.sum("", "", children);
		return new ScoresJson(round, round.provisional(), new Named(shown.code(), shown.name(), shown.level().name()),
				total, children, scores.byType(round, shown.scope()), scores.fixedSince(round, shown.scope()), definitions(locale));
	}

	@GetMapping("/api/v1/assessment/rounds/{id}/places")
	List<Scores.PlaceLine> places(@PathVariable String id, @RequestParam(required = false) String region,
			@AuthenticationPrincipal ScopedUser user) {
		Round round = scores.readable(QueryParameters.id(id), user);
		return scores.places(round, region(round, region, user).scope(), 5000);
	}

	@GetMapping("/api/v1/assessment/rounds/{id}/worst-criteria")
	List<Scores.CriterionLine> worst(@PathVariable String id, @RequestParam(required = false) String region,
			@RequestParam(required = false) String limit, @AuthenticationPrincipal ScopedUser user) {
		Round round = scores.readable(QueryParameters.id(id), user);
		int n = limit == null || limit.isBlank() ? scores.properties().worstCriteria() : number("limit", limit, 1, 500);
		return scores.worstCriteria(round, region(round, region, user).scope(), n);
	}

	@GetMapping("/api/v1/assessment/rounds/{id}/handovers")
	List<Scores.Handed> handovers(@PathVariable String id, @RequestParam(required = false) String region,
			@AuthenticationPrincipal ScopedUser user) {
		Round round = scores.readable(QueryParameters.id(id), user);
		return scores.handedOver(round, region(round, region, user).scope(), 100_000);
	}

	/** The trend of the round's city as the reader may see it (the city and its counties, or their county). */
	@GetMapping("/api/v1/assessment/rounds/{id}/trend")
	Trend trend(@PathVariable String id, @AuthenticationPrincipal ScopedUser user) {
		Round round = scores.readable(QueryParameters.id(id), user);
		return scores.trend(round.regionPath(), user.scope());
	}

	private Region region(Round round, String region, ScopedUser user) {
		String code = QueryParameters.regionCode("region", region);
		return code == null ? scores.home(round, user) : scores.region(round, code, user);
	}

	private Map<String, String> definitions(Locale locale) {
		Map<String, String> definitions = new LinkedHashMap<>();
		RoundReport.DEFINED.forEach(k -> definitions.put(k, messages.getMessage("assessment.score.def." + k, null, locale)));
		return definitions;
	}

	private static int number(String field, String text, int min, int max) {
		try {
			int n = Integer.parseInt(text.strip());
			if (n >= min && n <= max) {
				return n;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new InvalidInputException(field, "must be a whole number from " + min + " to " + max);
	}
}
