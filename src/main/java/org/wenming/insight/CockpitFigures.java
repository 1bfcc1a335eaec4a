package org.wenming.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The staff cockpit (工作驾驶舱) of one region in one period: a line per child region (drill down
 * city → county → town → villages) and, for a town, a line per practice site in it.
 *
 * @param from first day of the period
 * @param to first day after it
 * @param month the month asked for (2026-03), or null for a whole year
 * @param breadcrumb from the top of the staff member's scope down to this region (code, name)
 */
public record CockpitFigures(String region, String regionName, String level, int year, String month, LocalDate from,
		LocalDate to, List<Crumb> breadcrumb, Line total, List<Line> lines, List<SiteLine> sites) {

	public record Crumb(String code, String name) {
	}

	/**
	 * One region's figures. Volunteers and teams are as of now; the rest in the period.
	 *
	 * @param drillable a region below it can be opened (not a village)
	 * @param completion closed ÷ found in percent, null when nothing was found
	 */
	public record Line(String code, String name, boolean drillable, long volunteers, long newVolunteers, long teams,
			BigDecimal hours, long serviceRecords, long activities, long lectures, long lectureAudience, long casesFound,
			long casesClosed, long casesClosedOnTime, BigDecimal completion) {
	}

	/** A practice site of the town: activities it organized and hours it recorded in the period. */
	public record SiteLine(long id, String name, String kind, boolean demonstration, long activities, BigDecimal hours) {
	}
}
