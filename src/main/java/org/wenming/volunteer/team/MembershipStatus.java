package org.wenming.volunteer.team;

/** Where one application to a team stands. APPLIED and MEMBER are open; the others are history. */
public enum MembershipStatus {

	/** 已申请 */
	APPLIED,
	/** 队员 */
	MEMBER,
	/** 未通过 */
	DECLINED,
	/** 被移出 */
	REMOVED,
	/** 已退出 */
	LEFT;

	public boolean open() {
		return this == APPLIED || this == MEMBER;
	}

	public String messageKey() {
		return "team.membership." + name();
	}
}
