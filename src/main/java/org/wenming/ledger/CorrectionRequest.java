package org.wenming.ledger;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A correction request as lists show it. */
public record CorrectionRequest(long id, long volunteerId, String volunteerNumber, String volunteerName,
		Long recordSeq, String activityTitle, OffsetDateTime startedAt, OffsetDateTime endedAt, BigDecimal hours,
		String reason, String organizationName, Status status, OffsetDateTime requestedAt, OffsetDateTime decidedAt,
		String decidedBy, String decisionReason, Long resultSeq) {

	/** 待审核 / 已批准 / 已驳回 */
	public enum Status {
		OPEN, APPROVED, DECLINED;

		public String messageKey() {
			return "ledger.correction.status." + name();
		}
	}
}
