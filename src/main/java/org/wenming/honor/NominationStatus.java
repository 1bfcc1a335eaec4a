package org.wenming.honor;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a nomination is in its life (docs/notes/honor.md): vetted level by level while {@code SUBMITTED},
 * shortlisted by the city, shown in a notice period, reviewed, published; or returned to the nominator,
 * rejected, withdrawn.
 */
public enum NominationStatus {

	/** 审核中: {@code vetting_level} says which office decides next. */
	SUBMITTED,

	/** 退回补充: back with the nominator to amend; resubmitted to the same level. */
	RETURNED,

	/** 入围: the city passed it; it waits for the nominee's consent and a notice period. */
	SHORTLISTED,

	/** 公示中 */
	IN_NOTICE,

	/** 公示期满: the city publishes it or rejects it (an upheld objection). */
	REVIEW,

	/** 已发布: on the city's roll (and maybe later the province's and the nation's). */
	PUBLISHED,

	/** 未通过 (final, with a reason) */
	REJECTED,

	/** 已撤回 by the nominator */
	WITHDRAWN;

	private static final Set<NominationStatus> FINAL = EnumSet.of(PUBLISHED, REJECTED, WITHDRAWN);

	/** Whether the nomination still counts against the duplicate rule (unique per person per quarter). */
	public boolean holdsTheQuarter() {
		return this != REJECTED && this != WITHDRAWN;
	}

	/** Whether no further step changes its status (a published one only gains roll entries). */
	public boolean isFinal() {
		return FINAL.contains(this);
	}
}
