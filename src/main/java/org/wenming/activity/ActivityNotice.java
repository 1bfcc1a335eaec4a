package org.wenming.activity;

import java.time.OffsetDateTime;

/**
 * What a volunteer is told in the app: kind is CANCELLED (the activity was cancelled), PROMOTED
 * (moved up from the waitlist), APPROVED, WAITLISTED (approved onto the waitlist) or DECLINED.
 */
public record ActivityNotice(long id, long activityId, String activityTitle, String kind, String detail,
		OffsetDateTime createdAt, boolean read) {

	public String messageKey() {
		return "activity.notice." + kind;
	}
}
