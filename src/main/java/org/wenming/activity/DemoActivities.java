package org.wenming.activity;

import java.time.Instant;
import java.util.List;

/**
 * The demo city's activities, left by the activity module's part for the ledger's part, which credits
 * one SERVICE record per counted attendance. Volunteers are indexes into the volunteer module's
 * {@code DemoVolunteers}.
 */
public record DemoActivities(List<Held> activities) {

	/** An activity and who organized it (a team or a practice site). */
	public record Held(long id, String type, String title, Long organizerTeamId, Long organizerSiteId,
			String organizationName, String organizationPath, List<HeldShift> shifts) {
	}

	/**
	 * A shift with its confirmed volunteers and, per volunteer, whether they came, and their check-in
	 * and check-out in minutes off the shift's start and end.
	 */
	public record HeldShift(long id, Instant start, Instant end, int[] volunteers, boolean[] came, int[] inOffset,
			int[] outOffset, Instant attendanceConfirmedAt) {
	}
}
