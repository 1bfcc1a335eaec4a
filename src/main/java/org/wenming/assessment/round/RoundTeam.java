package org.wenming.assessment.round;

import java.util.List;

import org.wenming.account.AccountSummary;

/**
 * An inspection team (测评组) of a round.
 *
 * @param homeCounty the county its members work in, which it never inspects; null for the city office's own team
 * @param homeCountyName that county's name, null for the city office's team
 * @param places how many sampled places it is assigned
 */
public record RoundTeam(long id, long roundId, String name, String homeCounty, String homeCountyName,
		List<AccountSummary> members, int places) {

	public boolean cityOffice() {
		return homeCounty == null;
	}
}
