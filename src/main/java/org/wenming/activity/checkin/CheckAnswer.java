package org.wenming.activity.checkin;

import java.time.OffsetDateTime;

/**
 * The answer to a scan, stored with its idempotency key and given again, identical, to every
 * retry of the same key.
 *
 * @param outcome CHECKED_IN or CHECKED_OUT
 * @param shiftId the shift
 * @param action IN or OUT
 * @param occurredAt when it happened (the phone's time for a queued scan), in city time
 */
public record CheckAnswer(String outcome, long shiftId, String action, OffsetDateTime occurredAt) {

	public String messageKey() {
		return "checkin.outcome." + outcome;
	}
}
