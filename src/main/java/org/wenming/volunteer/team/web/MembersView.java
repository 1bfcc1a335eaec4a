package org.wenming.volunteer.team.web;

import java.util.List;
import java.util.Map;

import org.wenming.volunteer.team.MemberRow;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.TeamLeader;

/**
 * A team's members page for its leaders and staff: applications to decide, members, leaders.
 *
 * @param errors a refused reason or username: the row (membership id, or "leader") and its message key
 * @param done what was just done (a message key), or null
 */
public record MembersView(Team team, List<MemberRow> applications, List<MemberRow> members, List<TeamLeader> leaders,
		boolean mayAssignLeaders, Map<String, String> errors, Map<String, String> values, String done) {

	public boolean hasError(String row) {
		return errors.containsKey(row);
	}

	public String error(String row) {
		return errors.get(row);
	}

	public String value(String row) {
		return values.getOrDefault(row, "");
	}

	public String errorFor(long membershipId) {
		return errors.get(String.valueOf(membershipId));
	}

	public String valueFor(long membershipId) {
		return values.getOrDefault(String.valueOf(membershipId), "");
	}
}
