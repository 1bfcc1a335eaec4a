package org.wenming.volunteer;

import java.time.OffsetDateTime;

/** A volunteer withdrew (退出). Published in the withdrawing transaction, for the dashboards' counters. */
public record VolunteerWithdrawn(long volunteerId, String regionPath, OffsetDateTime registeredAt,
		OffsetDateTime withdrawnAt) {
}
