package org.wenming.volunteer.team;

import java.time.OffsetDateTime;

/** One of the signed-in volunteer's own applications or memberships, with its team. */
public record MyMembership(long membershipId, long teamId, String teamName, MembershipStatus status,
		OffsetDateTime appliedAt, OffsetDateTime decidedAt, String reason, OffsetDateTime leftAt) {

	public boolean open() {
		return status.open();
	}

	/** The day of appliedAt in China, or null. */
	public java.time.LocalDate appliedOn() {
		return appliedAt == null ? null : appliedAt.atZoneSameInstant(Teams.CHINA).toLocalDate();
	}

	/** The day of decidedAt in China, or null. */
	public java.time.LocalDate decidedOn() {
		return decidedAt == null ? null : decidedAt.atZoneSameInstant(Teams.CHINA).toLocalDate();
	}

	/** The day of leftAt in China, or null. */
	public java.time.LocalDate leftOn() {
		return leftAt == null ? null : leftAt.atZoneSameInstant(Teams.CHINA).toLocalDate();
	}
}
