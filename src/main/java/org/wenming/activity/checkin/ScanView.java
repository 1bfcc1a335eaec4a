package org.wenming.activity.checkin;

/** The volunteer's scan page.
 *
 * @param shift the shift the code names (null: the code is not genuine)
 * @param token the scanned token
 * @param key the idempotency key of the form (new for every page shown)
 * @param attendance where the volunteer stands on the shift
 * @param noticeKey the answer to a submitted form, if any
 * @param refused whether that answer was a refusal
 */
public record ScanView(ShiftInfo shift, String token, String key, AttendanceRow attendance, String noticeKey,
		boolean refused) {

	public String nextAction() {
		return attendance == null ? "IN" : attendance.checkedOut() ? null : "OUT";
	}
}
