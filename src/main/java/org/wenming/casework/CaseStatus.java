package org.wenming.casework;

/** Where a case stands in its workflow. */
public enum CaseStatus {

	/** 上报: reported, waiting to be registered or rejected */
	REPORTED,
	/** 不予立案: rejected with a reason (not a problem, out of remit, a duplicate) */
	REJECTED,
	/** 立案: accepted as a case, waiting to be dispatched */
	REGISTERED,
	/** 派遣: sent to a responsible unit with a due time */
	DISPATCHED,
	/** 处置中: the unit has taken it on */
	IN_PROGRESS,
	/** 待核查: the unit submitted its fix with after-photos */
	FIX_SUBMITTED,
	/** 结案: the fix was verified */
	CLOSED,
	/** 挂起: suspended by approval; the clock stops */
	SUSPENDED,
	/** 合并: a duplicate merged into another case (its history kept) */
	MERGED;

	/** Open311's two-valued status: everything not finished is open. */
	public boolean open() {
		return this != CLOSED && this != REJECTED && this != MERGED;
	}
}
