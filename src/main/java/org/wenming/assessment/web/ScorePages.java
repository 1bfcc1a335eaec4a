package org.wenming.assessment.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.assessment.AssessmentFigures.Rate;
import org.wenming.assessment.AssessmentFigures.Round;
import org.wenming.assessment.score.RoundReport;
import org.wenming.assessment.score.Scores;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.region.RegionProperties;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * The scores pages for office staff: the city's rounds, a round's scores at a region (city → county →
 * town → its sampled places), and the round report as PDF and XLSX. A county's staff see their county
 * once the round is open; anything outside the reader's scope is not found (and a security event).
 */
@Controller
class ScorePages extends PageController {

	/** The handed-over problems a page lists (the report and the JSON API give them all). */
	static final int HANDED_ON_PAGE = 200;

	private final Scores scores;

	private final RoundReport report;

	private final Regions regions;

	private final String homeCity;

	ScorePages(Scores scores, RoundReport report, Regions regions, RegionProperties region) {
		this.scores = scores;
		this.report = report;
		this.regions = regions;
		this.homeCity = region.city();
	}

	@GetMapping("/admin/assessment/scores")
	ModelAndView rounds(@AuthenticationPrincipal ScopedUser user) {
		requireOffice(user);
		Region city = cityOf(user);
		List<Round> rounds = new ArrayList<>();
		List<Rate> totals = new ArrayList<>();
		for (Round round : scores.rounds(city.path(), 60)) {
			boolean cityReader = user.scope().covers(round.regionPath());
			if (cityReader || round.open() || !round.provisional()) {
				rounds.add(round);
				totals.add(round.open() || !round.provisional() ? scores.total(round, user.scope()) : null);
			}
		}
		return new ModelAndView("assessment/score/rounds",
				Map.of("page", new RoundsPage(city, rounds, totals)));
	}

	@GetMapping("/admin/assessment/rounds/{id}/scores")
	ModelAndView scores(@PathVariable String id, @RequestParam(required = false) String region,
			@AuthenticationPrincipal ScopedUser user) {
		Round round = scores.readable(QueryParameters.id(id), user);
		Region shown = region == null || region.isBlank() ? scores.home(round, user)
				: scores.region(round, QueryParameters.regionCode("region", region), user);
		return new ModelAndView("assessment/score/round", Map.of("page", page(round, shown, user)));
	}

	ScorePage page(Round round, Region shown, ScopedUser user) {
		boolean atPlaces = shown.level() == RegionLevel.TOWN || shown.level() == RegionLevel.VILLAGE;
		List<Rate> children = atPlaces ? List.of() : scores.byChildren(round, shown.path(), shown.scope());
		String childLevel = atPlaces ? null : RegionLevel.ofDepth(shown.level().depth() + 1).name();
		List<Scores.PlaceLine> places = atPlaces ? scores.places(round, shown.scope(), 1000) : List.of();
		boolean city = shown.level() == RegionLevel.CITY;
		int size = scores.properties().listSize();
		List<Rate> red = city ? children.stream().filter(r -> r.rate() != null).limit(size).toList() : List.of();
		List<Rate> black = city ? children.stream().filter(r -> r.rate() != null)
				.sorted((a, b) -> Integer.compare(b.rank(), a.rank())).limit(size).toList() : List.of();
		List<Region> breadcrumb = regions.breadcrumb(shown).stream()
				.filter(r -> r.path().startsWith(round.regionPath()) && user.scope().covers(r.path())).toList();
		return new ScorePage(round, shown, breadcrumb, scores.total(round, shown.scope()), children, childLevel, places,
				scores.byType(round, shown.scope()),
				scores.worstCriteria(round, shown.scope(), scores.properties().worstCriteria()),
				scores.trend(round.regionPath(), shown.scope()),
				scores.handedOver(round, shown.scope(), HANDED_ON_PAGE), HANDED_ON_PAGE,
				scores.problems(round, shown.scope()), scores.fixedSince(round, shown.scope()), red, black, RoundReport.DEFINED);
	}

	@GetMapping("/admin/assessment/rounds/{id}/report.pdf")
	ResponseEntity<byte[]> pdf(@PathVariable String id, @RequestParam(required = false) String region,
			@AuthenticationPrincipal ScopedUser user, Locale locale) {
		Round round = scores.readable(QueryParameters.id(id), user);
		Region shown = regionOf(round, region, user);
		return download(report.pdf(round, shown, locale), "assessment-round-" + round.id() + "-" + shown.code() + ".pdf",
				MediaType.APPLICATION_PDF);
	}

	@GetMapping("/admin/assessment/rounds/{id}/report.xlsx")
	ResponseEntity<byte[]> xlsx(@PathVariable String id, @RequestParam(required = false) String region,
			@AuthenticationPrincipal ScopedUser user, Locale locale) {
		Round round = scores.readable(QueryParameters.id(id), user);
		Region shown = regionOf(round, region, user);
		return download(report.xlsx(round, shown, locale), "assessment-round-" + round.id() + "-" + shown.code() + ".xlsx",
				MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
	}

	private Region regionOf(Round round, String region, ScopedUser user) {
		return region == null || region.isBlank() ? scores.home(round, user)
				: scores.region(round, QueryParameters.regionCode("region", region), user);
	}

	private Region cityOf(ScopedUser user) {
		String code = user.scope().city().orElse(homeCity);
		return regions.find(code).orElseThrow(RecordNotFound::new);
	}

	static void requireOffice(ScopedUser user) {
		if (user == null || !(user.hasRole(Roles.OFFICE_STAFF) || user.hasRole(Roles.SYSTEM_ADMIN))) {
			throw new AccessDeniedException("assessment scores are for office staff");
		}
	}

	static ResponseEntity<byte[]> download(byte[] body, String filename, MediaType type) {
		return ResponseEntity.ok().contentType(type)
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
				.body(body);
	}
}
