package org.wenming.insight.web;

import java.math.BigDecimal;
import java.util.List;

import org.wenming.assessment.AssessmentFigures;

/**
 * The field assessment's panel of the dashboard and the cockpit: the latest closed round's rate and the
 * counties' ranking, and the trend of the whole across rounds (read through the assessment module's API).
 *
 * @param latest null before any round has closed
 * @param link where staff read the round's scores in full (null on the public dashboard)
 */
public record AssessmentPanel(AssessmentFigures.Latest latest, AssessmentFigures.Trend trend, String link) {

	public String trendLabels() {
		return DashboardView.joined(trend.rounds(), r -> r.name() + (r.provisional() ? "*" : ""));
	}

	/** The first line of the trend (the region shown), an empty value where a round has no score. */
	public String trendValues() {
		List<BigDecimal> rates = trend.series().isEmpty() ? List.of() : trend.series().get(0).rates();
		return DashboardView.joined(rates, v -> v == null ? "" : v);
	}

	public boolean hasTrend() {
		return !trend.rounds().isEmpty() && !trend.series().isEmpty();
	}
}
