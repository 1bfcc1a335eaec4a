package org.wenming.casework.statistics;

import java.util.Locale;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;

/**
 * The public red/black lists (红黑榜): the latest list, any past one as it was published, and each
 * as XLSX or PDF. Only district and unit names and their figures, never a case.
 */
@Controller
class RankingController extends PageController {

	private final CaseRankings rankings;

	private final Tables tables;

	private final Documents documents;

	RankingController(CaseRankings rankings, Tables tables, Documents documents) {
		this.rankings = rankings;
		this.tables = tables;
		this.documents = documents;
	}

	@GetMapping("/casework/rankings")
	ModelAndView latest() {
		return view(rankings.latest().orElse(null));
	}

	@GetMapping("/casework/rankings/{id}")
	ModelAndView ranking(@PathVariable String id) {
		return view(rankings.find(QueryParameters.id(id)).orElseThrow(RecordNotFound::new));
	}

	private ModelAndView view(Ranking ranking) {
		return new ModelAndView("casework/statistics/rankings",
				Map.of("page", new RankingPage(ranking, rankings.recent(20))));
	}

	@GetMapping("/casework/rankings/{id}.xlsx")
	ResponseEntity<byte[]> xlsx(@PathVariable String id, Locale locale) {
		Ranking ranking = rankings.find(QueryParameters.id(id)).orElseThrow(RecordNotFound::new);
		return StatisticsController.download(
				documents.xlsx(tables.ranking(ranking, locale), tables.rankingNotes(locale), locale),
				"casework-rankings-" + ranking.periodFrom() + "-" + ranking.periodTo() + ".xlsx",
				MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
	}

	@GetMapping("/casework/rankings/{id}.pdf")
	ResponseEntity<byte[]> pdf(@PathVariable String id, Locale locale) {
		Ranking ranking = rankings.find(QueryParameters.id(id)).orElseThrow(RecordNotFound::new);
		String subtitle = documents.t("casework.statistics.period", locale, ranking.periodFrom(), ranking.periodTo());
		return StatisticsController.download(
				documents.pdf(documents.t("casework.rankings.title", locale), subtitle, tables.ranking(ranking, locale),
						tables.rankingNotes(locale), locale),
				"casework-rankings-" + ranking.periodFrom() + "-" + ranking.periodTo() + ".pdf",
				MediaType.APPLICATION_PDF);
	}
}
