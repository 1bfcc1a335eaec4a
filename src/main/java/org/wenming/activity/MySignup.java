package org.wenming.activity;

import java.time.OffsetDateTime;

/** A volunteer's own sign-up with what their page shows of the activity and shift. */
public record MySignup(long signupId, SignupStatus status, String reason, long activityId, String activityTitle,
		ActivityStatus activityStatus, long shiftId, OffsetDateTime startsAt, OffsetDateTime endsAt, String place,
		int waitlistPosition) {
}
