package org.wenming.activity;

import java.time.OffsetDateTime;

/** A sign-up on a shift's roster: the volunteer's name masked (张*三), numbers never shown. */
public record RosterRow(long signupId, long volunteerId, String maskedName, String volunteerNumber,
		SignupStatus status, OffsetDateTime signedUpAt, String reason) {
}
