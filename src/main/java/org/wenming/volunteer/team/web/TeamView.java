package org.wenming.volunteer.team.web;

import java.util.List;

import org.wenming.region.PracticeSite;
import org.wenming.region.Region;
import org.wenming.volunteer.team.MembershipStatus;
import org.wenming.volunteer.team.NameMask;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.TeamLeader;
import org.wenming.volunteer.team.TeamStatistics;

/**
 * A team's public page: the team, where it sits (parent, children, region, site), its leaders and
 * members with masked names, its figures, and what the visitor can do about joining.
 *
 * @param site the practice site, or null
 * @param parent the team above, or null
 * @param visitor what the visitor may do: join, wait, nothing
 */
public record TeamView(Team team, Team parent, List<Team> children, List<Region> breadcrumb, PracticeSite site,
		List<TeamLeader> leaders, List<String> maskedMembers, TeamStatistics statistics, Visitor visitor,
		boolean applied) {

	/** Where the visitor stands towards this team. */
	public enum Visitor {
		ANONYMOUS, NOT_VOLUNTEER, CAN_APPLY, APPLIED, MEMBER, CLOSED
	}

	static Visitor visitor(boolean signedIn, boolean volunteer, MembershipStatus open, boolean active) {
		if (!signedIn) {
			return Visitor.ANONYMOUS;
		}
		if (!volunteer) {
			return Visitor.NOT_VOLUNTEER;
		}
		if (open == MembershipStatus.MEMBER) {
			return Visitor.MEMBER;
		}
		if (open == MembershipStatus.APPLIED) {
			return Visitor.APPLIED;
		}
		return active ? Visitor.CAN_APPLY : Visitor.CLOSED;
	}

	public String maskedContactName() {
		return team.contactName() == null ? null : NameMask.mask(team.contactName());
	}

	public boolean hasMoreMembers() {
		return statistics.members() > maskedMembers.size();
	}
}
