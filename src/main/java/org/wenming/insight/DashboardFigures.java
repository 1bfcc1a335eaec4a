package org.wenming.insight;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The figures of one region for one year, as the dashboards show them. Every count comes from the
 * maintained aggregates (or, for practice sites, the region module's register); see the
 * definitions on the page and in {@code docs/notes/insight.md}.
 *
 * @param firstYear the earliest year with data (the year filter's lower bound)
 * @param completionToDate by category (leaf), cases reported in any year up to the end of this one: the
 *        running figures a city reports (三线: 1,912 closed of 2,047 found)
 * @param computedAt when these figures were read (they may be up to {@code refreshSeconds} old)
 */
public record DashboardFigures(String region, String regionName, int year, int firstYear, int lastYear,
		Headline headline, List<Count> activitiesByType, List<Lecture> lecturesBySetting,
		List<Completion> completionByDistrict, List<Completion> completionByCategory, Completion completionTotal,
		List<Completion> completionToDate, Completion completionToDateTotal, List<Month> months, ProvinceRank provinceRank, List<TopTeam> topTeams, List<TopVolunteer> topVolunteers,
		OffsetDateTime computedAt, int refreshSeconds) {

	/**
	 * @param volunteers registered and not withdrawn, at the end of the data
	 * @param volunteersThisYear registered in the year
	 * @param teams active teams
	 * @param hours service hours in the ledger, all years
	 * @param hoursThisYear service hours of service that started in the year
	 * @param sites practice centres, institutes and stations (中心/所/站)
	 * @param demonstrationSites of those, demonstration sites (示范点)
	 */
	public record Headline(long volunteers, long volunteersThisYear, long teams, BigDecimal hours,
			BigDecimal hoursThisYear, long serviceRecordsThisYear, long sites, long demonstrationSites, long activities,
			long lectures, long lectureAudience) {
	}

	public record Count(String key, long count) {
	}

	/** @param setting the "六进" setting */
	public record Lecture(String setting, long sessions, long audience) {
	}

	/**
	 * Rectification completion (办结率 = closed ÷ found) of cases reported in the year.
	 *
	 * @param key a region code or a category group code
	 * @param rate percent with one decimal, null when nothing was found
	 */
	public record Completion(String key, String name, long found, long closed, long closedOnTime, BigDecimal rate) {
	}

	/** @param month 2026-03 */
	public record Month(String month, long newVolunteers, BigDecimal hours, long activities, long lectures) {
	}

	/**
	 * The city's place among the province's cities by service hours of the year (1 = most), with
	 * the other cities' figures as staff entered them.
	 */
	public record ProvinceRank(int rank, int cities, List<CityHours> table) {
	}

	public record CityHours(String city, String name, BigDecimal hours, long volunteers, boolean ours) {
	}

	public record TopTeam(long id, String name, BigDecimal hours) {
	}

	/** Only volunteers who consented to be named on public lists. */
	public record TopVolunteer(String name, BigDecimal hours) {
	}
}
