package org.wenming.volunteer.team;

import java.util.List;
import java.util.Map;

/**
 * The demo city's teams, left by the volunteer module's part for the later parts (memberships,
 * activities' organizers, the ledger's organizations). Counties, towns and villages are indexes into
 * the region module's {@code CityGeography}.
 *
 * @param countyCorps a county's 新时代文明实践志愿服务总队, by county index
 * @param countyLectureTeam a county's 百姓宣讲团, by county index
 * @param townBranch a town's 支队, by town index
 * @param villageSquads the 分队 of a village, by village index (villages without one are absent)
 * @param countyOtherTeams the city-wide kinds' 支队 and 分队 in a county, by county index
 */
public record DemoTeams(Map<Long, TeamRow> byId, long[] countyCorps, long[] countyLectureTeam, long[] townBranch,
		Map<Integer, List<Long>> villageSquads, Map<Integer, List<Long>> countyOtherTeams) {

	/** A generated team, as an organizer or a record's organization names it. */
	public record TeamRow(long id, String name, String regionPath, int county) {
	}

	public TeamRow team(long id) {
		return byId.get(id);
	}
}
