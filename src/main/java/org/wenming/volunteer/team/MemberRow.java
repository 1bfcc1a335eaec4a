package org.wenming.volunteer.team;

import java.time.OffsetDateTime;

/** A membership with the volunteer's name and number, for the team's leaders and staff. */
public record MemberRow(long membershipId, long volunteerId, String volunteerNumber, String realName,
		MembershipStatus status, OffsetDateTime appliedAt, OffsetDateTime decidedAt, String reason) {

	public String maskedName() {
		return NameMask.mask(realName);
	}

	/** The day of appliedAt in China, or null. */
	public java.time.LocalDate appliedOn() {
		return appliedAt == null ? null : appliedAt.atZoneSameInstant(Teams.CHINA).toLocalDate();
	}

	/** The day of decidedAt in China, or null. */
	public java.time.LocalDate decidedOn() {
		return decidedAt == null ? null : decidedAt.atZoneSameInstant(Teams.CHINA).toLocalDate();
	}
}
