package org.wenming.casework.statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Cells of one grain whose buckets run from {@code from} to {@code to} (both included): a period of
 * days read as the fewest cells, whole years, then whole months, then the days at its edges.
 */
record CellRange(String grain, LocalDate from, LocalDate to) {

	/** The days from {@code from} to {@code to} (both included) as year, month and day buckets, in order. */
	static List<CellRange> of(LocalDate from, LocalDate to) {
		List<CellRange> ranges = new ArrayList<>();
		LocalDate day = from;
		while (!day.isAfter(to)) {
			String grain;
			LocalDate next;
			if (day.getDayOfYear() == 1 && !day.plusYears(1).minusDays(1).isAfter(to)) {
				grain = "YEAR";
				next = day.plusYears(1);
			}
			else if (day.getDayOfMonth() == 1 && !day.plusMonths(1).minusDays(1).isAfter(to)) {
				grain = "MONTH";
				next = day.plusMonths(1);
			}
			else {
				grain = "DAY";
				next = day.plusDays(1);
			}
			CellRange last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
			if (last != null && last.grain.equals(grain)) {
				ranges.set(ranges.size() - 1, new CellRange(grain, last.from, day)); // buckets run on
			}
			else {
				ranges.add(new CellRange(grain, day, day));
			}
			day = next;
		}
		return ranges;
	}
}
