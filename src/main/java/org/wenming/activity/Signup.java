package org.wenming.activity;

import java.time.OffsetDateTime;

/** One sign-up of a volunteer for a shift. */
public record Signup(long id, long shiftId, long volunteerId, SignupStatus status, OffsetDateTime signedUpAt,
		OffsetDateTime decidedAt, String reason) {
}
