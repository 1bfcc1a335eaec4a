package org.wenming.honor.consent;

import java.time.OffsetDateTime;

/** A consent of a nomination as staff see it (its history lists every one). */
public record ConsentRecord(long id, long nominationId, String status, String channel, String givenBy,
		String guardianName, Long paperEvidenceId, String requestedBy, OffsetDateTime requestedAt,
		OffsetDateTime expiresAt, OffsetDateTime decidedAt, OffsetDateTime endedAt, String endedBy, String endedReason,
		String snapshotSha256) {

	public String statusKey() {
		return "honor.consent.status." + status;
	}

	public String channelKey() {
		return "honor.consent.channel." + channel;
	}
}
