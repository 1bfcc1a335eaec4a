package org.wenming.casework.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The counts behind one line of the statistics (a district, a town, a category, a unit, or the
 * total) and the rates made from them. Every count is additive, so a category group is the sum of
 * its leaves. The definitions are those of {@code docs/notes/casework-statistics.md} and of the
 * page's "definitions" section.
 *
 * @param found cases reported in the period, rejected and merged ones excluded (发现)
 * @param registered of those, registered (立案) before the period's end
 * @param closed of those, closed (结案) before the period's end
 * @param due cases whose due time fell in the period and has passed (应办结)
 * @param closedOnTime of those, closed no later than their due time (按期办结)
 * @param fixed found cases with at least one fix submitted (提交处置)
 * @param reworked of those, returned for rework at least once (返工)
 * @param overdueNow open cases past their due time at the moment of reading, whatever the period (当前超期)
 * @param closeSeconds the sum of reported-to-closed times of the closed cases, in seconds
 */
public record Figures(long found, long registered, long closed, long due, long closedOnTime, long fixed,
		long reworked, long overdueNow, double closeSeconds) {

	public static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0);

	public Figures plus(Figures o) {
		return new Figures(found + o.found, registered + o.registered, closed + o.closed, due + o.due,
				closedOnTime + o.closedOnTime, fixed + o.fixed, reworked + o.reworked, overdueNow + o.overdueNow,
				closeSeconds + o.closeSeconds);
	}

	/** 办结率 = closed ÷ found, in percent with one decimal; null when nothing was found. */
	public BigDecimal completionRate() {
		return percent(closed, found);
	}

	/** 按期办结率 = closed on time ÷ due, in percent; null when nothing was due. */
	public BigDecimal onTimeRate() {
		return percent(closedOnTime, due);
	}

	/** 返工率 = reworked ÷ fixed, in percent; null when no fix was submitted. */
	public BigDecimal reworkRate() {
		return percent(reworked, fixed);
	}

	/** Mean calendar days from report to closure, one decimal; null when nothing was closed. */
	public BigDecimal averageDaysToClose() {
		return closed == 0 ? null
				: BigDecimal.valueOf(closeSeconds / closed / 86_400d).setScale(1, RoundingMode.HALF_UP);
	}

	static BigDecimal percent(long part, long whole) {
		if (whole == 0) {
			return null;
		}
		return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
				.divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
	}
}
