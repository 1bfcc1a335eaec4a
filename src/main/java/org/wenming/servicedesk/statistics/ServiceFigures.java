package org.wenming.servicedesk.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The figures of one line of the service desk's statistics (docs/notes/servicedesk.md, "Statistics").
 * Counts are additive; a rate or a time with nothing to count is null (shown "—"), never 0 or NaN.
 *
 * @param orders orders received in the period
 * @param dispatched of those, dispatched to a team at least once (or served)
 * @param served of those, served: SERVED (waiting for a rating), RATED or UNRATED
 * @param rated of the served, rated by the resident
 * @param unrated of the served, not rated within the rating period (never counted as satisfied)
 * @param satisfied of the rated, 4 or 5 stars
 * @param starsSum the stars of the rated, summed
 * @param declined declined by the site
 * @param cancelled cancelled by the resident or staff
 * @param acceptHours median and p90 of received → the site's decision (accepted, or dispatched straight away)
 * @param serveHours median and p90 of dispatched (the last dispatch) → served
 * @param totalHours median and p90 of received → served
 */
public record ServiceFigures(long orders, long dispatched, long served, long rated, long unrated, long satisfied,
		long starsSum, long declined, long cancelled, Stage acceptHours, Stage serveHours, Stage totalHours) {

	/** Median and 90th percentile in hours, one decimal; both null when no order went through the stage. */
	public record Stage(BigDecimal median, BigDecimal p90) {

		public static final Stage NONE = new Stage(null, null);
	}

	public static final ServiceFigures NONE = new ServiceFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, Stage.NONE, Stage.NONE,
			Stage.NONE);

	/** 完成率: served ÷ dispatched (or later), percent, one decimal. */
	public BigDecimal completionRate() {
		return percent(served, dispatched);
	}

	/** 评价率: rated ÷ served (served waiting, rated and unrated), percent. */
	public BigDecimal ratingRate() {
		return percent(rated, served);
	}

	/** 满意率: the share of 4–5 stars among the rated only, percent. */
	public BigDecimal satisfactionRate() {
		return percent(satisfied, rated);
	}

	/** Mean stars of the rated, one decimal. */
	public BigDecimal meanStars() {
		return rated == 0 ? null : BigDecimal.valueOf(starsSum).divide(BigDecimal.valueOf(rated), 1, RoundingMode.HALF_UP);
	}

	static BigDecimal percent(long part, long whole) {
		return whole == 0 ? null
				: BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
	}
}
