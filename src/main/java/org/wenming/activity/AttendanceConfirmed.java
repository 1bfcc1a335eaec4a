package org.wenming.activity;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The organizer confirmed who served on a shift and when (确认考勤). Published in the same
 * transaction that marks the shift confirmed; the ledger credits the hours from it, exactly once
 * per volunteer and shift, even when the event is delivered again after a crash.
 *
 * <p>Only attendance that counts is listed (checked out, and present for at least the minimum
 * share of the shift when that rule is on); times are the real arrival and departure, clipped to
 * the shift. Rounding and the daily cap are the ledger's rules, not this module's.
 *
 * @param activityId the activity
 * @param shiftId the shift confirmed
 * @param activityType what kind of activity it was
 * @param activityTitle its title, as the record will show it
 * @param organizer who organized and so records and certifies (谁组织谁记录)
 * @param confirmedBy username of the person who confirmed
 * @param confirmedAt when
 * @param attendances one entry per volunteer who served
 */
public record AttendanceConfirmed(long activityId, long shiftId, ActivityType activityType, String activityTitle,
		Organizer organizer, String confirmedBy, OffsetDateTime confirmedAt, List<Attendance> attendances) {

	public AttendanceConfirmed {
		attendances = List.copyOf(attendances);
	}

	/**
	 * @param kind TEAM or SITE
	 * @param id the team's or practice site's id
	 * @param name its name at the time
	 * @param regionPath its region's path (the ledger scopes records by it)
	 */
	public record Organizer(Kind kind, long id, String name, String regionPath) {

		public enum Kind {
			TEAM, SITE
		}
	}

	/**
	 * @param volunteerId who served
	 * @param start arrival (not before the shift start)
	 * @param end departure (not after the shift end)
	 * @param recordedBy who recorded the attendance (the volunteer's own scan, or the staff member)
	 * @param autoCheckedOut the volunteer forgot to check out and was checked out at the shift end
	 */
	public record Attendance(long volunteerId, OffsetDateTime start, OffsetDateTime end, String recordedBy,
			boolean autoCheckedOut) {
	}
}
