package org.wenming.casework.statistics;

import java.math.BigDecimal;
import java.util.List;

/** The public red/black list page: the list shown (none before the first is published) and the recent ones. */
public record RankingPage(Ranking ranking, List<Ranking.Summary> recent) {

	public String rate(BigDecimal percent) {
		return StatisticsPage.rate(percent);
	}
}
