package org.wenming.insight.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.wenming.insight.DashboardFigures;
import org.wenming.region.Region;

/** What the dashboard page shows, with the chart data as text for the page's data attributes. */
public record DashboardView(DashboardFigures figures, List<Region> regions) {

	/** Values of a chart, separated by "|" (no label or number contains one). */
	public static <T> String joined(List<T> items, Function<T, Object> value) {
		return items.stream().map(value).map(String::valueOf).map(s -> s.replace("|", "/"))
			.collect(Collectors.joining("|"));
	}

	/** Whole hours for people (the ledger keeps tenths). */
	public static long hours(BigDecimal hours) {
		return hours == null ? 0 : hours.setScale(0, RoundingMode.HALF_UP).longValue();
	}

	public static String rate(BigDecimal rate) {
		return rate == null ? "–" : rate.toPlainString() + "%";
	}

	public List<Integer> years() {
		return java.util.stream.IntStream.rangeClosed(figures.firstYear(), figures.lastYear()).boxed()
			.sorted(java.util.Comparator.reverseOrder()).toList();
	}
}
