package org.wenming.volunteer;

import java.util.List;
import java.util.Map;

/**
 * The demo city's volunteers, left by the volunteer module's part for the later parts (sign-ups,
 * the ledger's migrated records). Volunteer {@code i} has id {@code firstId + i}; the arrays are
 * indexed by {@code i}. Villages and counties are indexes into the region module's
 * {@code CityGeography}.
 *
 * @param home the home village
 * @param registered the registration day (epoch day)
 * @param birth the birth day (epoch day)
 * @param activityLevel how much the volunteer serves (0 for the 18 % who never did; heavy-tailed)
 * @param primaryTeam the team of their village (or town)
 * @param secondTeam a city-wide kind's team of their county, or 0
 * @param byCounty the volunteers of each county (by county index)
 */
public record DemoVolunteers(long firstId, int[] home, int[] registered, int[] birth, float[] activityLevel,
		long[] primaryTeam, long[] secondTeam, Map<Integer, List<Integer>> byCounty) {

	public int count() {
		return home.length;
	}

	public long id(int index) {
		return firstId + index;
	}

	/**
	 * Left by the ledger's part: the adult demo volunteer with the most hours, who gets the demo login.
	 * (The volunteer module cannot read the ledger; the ledger reads the volunteers.)
	 */
	public record MostHours(long volunteerId) {
	}
}
