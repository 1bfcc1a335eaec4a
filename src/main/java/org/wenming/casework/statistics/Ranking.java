package org.wenming.casework.statistics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One published red/black list (红黑榜): the period it covers and, for districts and for units, the
 * red list (best first) and the black list (worst first), as stored when it was published.
 */
public record Ranking(long id, LocalDate periodFrom, LocalDate periodTo, String trigger,
		OffsetDateTime runAt, int listSize, List<Entry> districtsRed, List<Entry> districtsBlack,
		List<Entry> unitsRed, List<Entry> unitsBlack) {

	/** A run without its entries, for the list of past runs. */
	public record Summary(long id, LocalDate periodFrom, LocalDate periodTo, String trigger, OffsetDateTime runAt) {
	}

	/** A district or a unit on a list, with the figures its score was made from. */
	public record Entry(int position, String key, String name, long found, long closed, long due,
			long closedOnTime, long overdueNow, BigDecimal completionRate, BigDecimal onTimeRate, BigDecimal score) {
	}
}
