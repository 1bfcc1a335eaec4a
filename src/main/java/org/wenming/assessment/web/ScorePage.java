package org.wenming.assessment.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.wenming.assessment.AssessmentFigures.FixedSince;
import org.wenming.assessment.AssessmentFigures.Rate;
import org.wenming.assessment.AssessmentFigures.Round;
import org.wenming.assessment.AssessmentFigures.Trend;
import org.wenming.assessment.score.Scores;
import org.wenming.region.Region;

/**
 * A round's scores as the page shows them at one region: the region's rate, its children's ranking (or,
 * at a town, its sampled places), the rates by place type, the most failed criteria, the trend, the
 * problems handed over and "fixed since".
 *
 * @param places the town's (or village's) sampled places, when the page is at that level; else empty
 * @param red the best counties (红榜), at the city only
 * @param black the worst counties (黑榜), at the city only, worst first
 */
public record ScorePage(Round round, Region region, List<Region> breadcrumb, Rate total, List<Rate> children,
		String childLevel, List<Scores.PlaceLine> places, List<Rate> byType, List<Scores.CriterionLine> worst,
		Trend trend, List<Scores.Handed> handed, int handedShown, Scores.Problems problems, FixedSince fixedSince,
		List<Rate> red, List<Rate> black, List<String> definitions) {

	public static String rate(BigDecimal rate) {
		return rate == null ? "—" : rate.toPlainString() + "%";
	}

	public static String marks(BigDecimal marks) {
		return marks == null ? "—" : marks.stripTrailingZeros().toPlainString();
	}

	/** Values of a chart, separated by "|" (no label or number contains one); an empty value where none. */
	public static <T> String joined(List<T> items, Function<T, Object> value) {
		return items.stream().map(value).map(v -> v == null ? "" : String.valueOf(v)).map(s -> s.replace("|", "/"))
				.collect(Collectors.joining("|"));
	}

	public String query(String regionCode) {
		return "/admin/assessment/rounds/" + round.id() + "/scores?region=" + regionCode;
	}

	public String download(String kind) {
		return "/admin/assessment/rounds/" + round.id() + "/report." + kind + "?region=" + region.code();
	}

	/** The trend's rounds for the chart, a provisional one marked with an asterisk. */
	public String roundLabels() {
		return joined(trend.rounds(), r -> r.name() + (r.provisional() ? "*" : ""));
	}

	/** The trend's lines for the chart: "name|rate|rate…" per line, lines separated by "~" (at most nine). */
	public String seriesData() {
		return trend.series().stream().limit(9)
				.map(s -> s.name().replace("|", "/").replace("~", "-") + "|" + joined(s.rates(), v -> v))
				.collect(Collectors.joining("~"));
	}
}
