package org.wenming.volunteer.team;

import java.time.OffsetDateTime;

import org.wenming.volunteer.team.MembershipRefusedException.Kind;

/**
 * One application of a volunteer to a team and what became of it (入队申请). Transitions return the
 * changed membership and refuse a step the current status does not allow; storing it is guarded
 * by the status it was read in, so two leaders deciding at once cannot both win.
 *
 * @param decidedAt when the application was approved or declined
 * @param reason why it was declined or the member removed
 * @param leftAt when the member left or was removed
 */
public record Membership(long id, long teamId, long volunteerId, MembershipStatus status, OffsetDateTime appliedAt,
		OffsetDateTime decidedAt, String decidedBy, String reason, OffsetDateTime leftAt, String endedBy) {

	/** 批准 */
	public Membership approve(String by, OffsetDateTime at) {
		require(MembershipStatus.APPLIED);
		return new Membership(id, teamId, volunteerId, MembershipStatus.MEMBER, appliedAt, at, by, null, null, null);
	}

	/** 拒绝 (with a reason the volunteer sees) */
	public Membership decline(String by, String why, OffsetDateTime at) {
		require(MembershipStatus.APPLIED);
		return new Membership(id, teamId, volunteerId, MembershipStatus.DECLINED, appliedAt, at, by, why, null, null);
	}

	/** 移出 (with a reason) */
	public Membership remove(String by, String why, OffsetDateTime at) {
		require(MembershipStatus.MEMBER);
		return new Membership(id, teamId, volunteerId, MembershipStatus.REMOVED, appliedAt, decidedAt, decidedBy, why,
				at, by);
	}

	/** 退出: a member leaves, or an applicant withdraws the application. */
	public Membership leave(String by, OffsetDateTime at) {
		if (!status.open()) {
			throw new MembershipRefusedException(Kind.CONFLICT, "team.error.notOpen");
		}
		return new Membership(id, teamId, volunteerId, MembershipStatus.LEFT, appliedAt, decidedAt, decidedBy, null, at,
				by);
	}

	private void require(MembershipStatus expected) {
		if (status != expected) {
			throw new MembershipRefusedException(Kind.CONFLICT,
					expected == MembershipStatus.APPLIED ? "team.error.alreadyDecided" : "team.error.notMember");
		}
	}
}
