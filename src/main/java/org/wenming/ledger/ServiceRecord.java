package org.wenming.ledger;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One entry of the ledger (志愿服务记录), as stored: never changed once appended.
 *
 * @param seq position in the chain (1, 2, 3, ... without gaps)
 * @param hours credited hours; negative only in a correction
 * @param correctsSeq the record a correction changes
 * @param reason why a correction was made, or why fewer hours were credited (the daily cap)
 * @param prevHash the previous record's hash (32 zero bytes for the first)
 * @param hash SHA-256 of this record's canonical encoding, see {@code RecordHash}
 */
public record ServiceRecord(long seq, RecordKind kind, long volunteerId, Long activityId, Long shiftId,
		String activityType, String activityTitle, OffsetDateTime startedAt, OffsetDateTime endedAt, BigDecimal hours,
		String organizationKind, long organizationId, String organizationName, String regionPath, String recordedBy,
		String confirmedBy, Long correctsSeq, String reason, String approvedBy, OffsetDateTime recordedAt,
		byte[] prevHash, byte[] hash) {

	public String hashHex() {
		return java.util.HexFormat.of().formatHex(hash);
	}
}
