package org.wenming.volunteer.team;

/**
 * Searching volunteers by team, for other work (volunteer search, activity invitations, exports):
 * add {@link #CONDITION} to a query over {@code volunteer v} and bind {@code :teamId}. The index
 * {@code team_member (team_id, status, volunteer_id)} answers it. For single checks use
 * {@link Teams#isMember(long, long)} and {@link Teams#memberVolunteerIds(long)}.
 */
public final class TeamMemberFilter {

	/** Current members only (not applicants, not former members). */
	public static final String CONDITION = "exists (select 1 from team_member tm where tm.team_id = :teamId"
			+ " and tm.status = 'MEMBER' and tm.volunteer_id = v.id)";

	private TeamMemberFilter() {
	}
}
