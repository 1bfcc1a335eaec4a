package org.wenming.ledger;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * 活动外补记: staff record hours from a paper sign-in sheet or an activity held outside the app.
 * An end time before the start time means the service ended the next day.
 *
 * @param confirmedBy who certified the sheet (谁记录谁证明): a name or username
 */
public record ManualRecordDraft(String volunteerNumber, OrganizationKind organizationKind, long organizationId,
		String activityType, String activityTitle, LocalDate day, LocalTime start, LocalTime end, String confirmedBy) {

	/** Who organized the service. */
	public enum OrganizationKind {
		TEAM, SITE
	}
}
