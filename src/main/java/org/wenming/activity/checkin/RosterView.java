package org.wenming.activity.checkin;

import java.util.List;

/** The organizer's roster page.
 *
 * @param shift the shift
 * @param rows the roster
 * @param doneKey message for what was just done, if anything
 * @param errorKey message for what was just refused, if anything
 * @param errorField the field the error belongs to ("reason", "time", "volunteerId"), or "form"
 * @param ended whether the shift has ended (confirmation is possible)
 */
public record RosterView(ShiftInfo shift, List<AttendanceRow> rows, String doneKey, String errorKey,
		String errorField, long errorVolunteer, boolean ended) {
}
