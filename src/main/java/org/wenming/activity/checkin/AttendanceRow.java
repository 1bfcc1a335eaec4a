package org.wenming.activity.checkin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZonedDateTime;

import org.wenming.shared.CityTime;

/** One line of a shift's roster: the volunteer, their sign-up, and their attendance if any. */
public record AttendanceRow(long id, long volunteerId, String name, String volunteerNumber, String signupStatus,
		Instant checkedInAt, String checkInMethod, String checkInBy, String checkInReason, Instant checkedOutAt,
		String checkOutMethod, String checkOutBy, String checkOutReason, boolean autoCheckedOut, Boolean counted) {

	static AttendanceRow of(ResultSet rs, int row) throws SQLException {
		long volunteerId = hasColumn(rs, "vid") ? rs.getLong("vid") : rs.getLong("volunteer_id");
		return new AttendanceRow(rs.getLong("id"), volunteerId, rs.getString("real_name"),
				rs.getString("volunteer_number"), rs.getString("signup_status"), Checkins.instant(rs, "checked_in_at"),
				rs.getString("check_in_method"), rs.getString("check_in_by"), rs.getString("check_in_reason"),
				Checkins.instant(rs, "checked_out_at"), rs.getString("check_out_method"), rs.getString("check_out_by"),
				rs.getString("check_out_reason"), rs.getBoolean("auto_checked_out"),
				(Boolean) rs.getObject("counted", Boolean.class));
	}

	private static boolean hasColumn(ResultSet rs, String name) throws SQLException {
		for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
			if (rs.getMetaData().getColumnLabel(i).equals(name)) {
				return true;
			}
		}
		return false;
	}

	public boolean checkedIn() {
		return checkedInAt != null;
	}

	public boolean checkedOut() {
		return checkedOutAt != null;
	}

	public ZonedDateTime in() {
		return checkedInAt == null ? null : checkedInAt.atZone(CityTime.ZONE);
	}

	public ZonedDateTime out() {
		return checkedOutAt == null ? null : checkedOutAt.atZone(CityTime.ZONE);
	}

	/** Entered by staff rather than scanned by the volunteer. */
	public boolean byStaff() {
		return "STAFF".equals(checkInMethod) || "STAFF".equals(checkOutMethod);
	}

	public String checkInMethodKey() {
		return "checkin.method." + checkInMethod;
	}

	public String checkOutMethodKey() {
		return "checkin.method." + checkOutMethod;
	}
}
