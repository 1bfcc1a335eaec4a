package org.wenming.ledger.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.wenming.ledger.RecordKind;

/**
 * A record about to be appended: everything but its place in the chain. {@code hours} are the
 * rounded hours before the daily cap, which the writer applies under the chain's lock.
 */
public record NewRecord(RecordKind kind, long volunteerId, Long activityId, Long shiftId, String activityType,
		String activityTitle, OffsetDateTime startedAt, OffsetDateTime endedAt, BigDecimal hours,
		String organizationKind, long organizationId, String organizationName, String regionPath, String recordedBy,
		String confirmedBy, Long correctsSeq, String reason, String approvedBy) {

	public NewRecord {
		startedAt = RecordHash.micros(startedAt);
		endedAt = RecordHash.micros(endedAt);
	}

	NewRecord withHours(BigDecimal credited, String why) {
		return new NewRecord(kind, volunteerId, activityId, shiftId, activityType, activityTitle, startedAt, endedAt,
				credited, organizationKind, organizationId, organizationName, regionPath, recordedBy, confirmedBy,
				correctsSeq, why, approvedBy);
	}
}
