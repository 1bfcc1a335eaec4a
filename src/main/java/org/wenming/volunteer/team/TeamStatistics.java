package org.wenming.volunteer.team;

/**
 * Figures of a team computed from its membership records. "Active this year" (members who served)
 * needs the service-hours ledger and is deliberately not offered here.
 *
 * @param members members now
 * @param joinedThisYear applications approved this calendar year (China time), including members who left since
 */
public record TeamStatistics(long members, long joinedThisYear) {
}
