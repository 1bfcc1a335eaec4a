package org.wenming.honor.consent;

import java.time.OffsetDateTime;

/**
 * What the nominee's link shows: the snapshot as it will appear, and what can still be done.
 *
 * @param answerable REQUESTED and not expired: consent or decline
 * @param withdrawable GIVEN: withdraw
 */
public record ConsentView(long consentId, String status, Snapshot snapshot, boolean minor, String guardianName,
		OffsetDateTime expiresAt, boolean answerable, boolean withdrawable) {

	public String statusKey() {
		return "honor.consent.status." + status;
	}
}
