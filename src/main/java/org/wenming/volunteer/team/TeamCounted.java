package org.wenming.volunteer.team;

import java.time.OffsetDateTime;

/**
 * A team was founded (组建) or changed in a way the dashboards count: its type, or dissolved
 * (解散) / active again. Published in the transaction that made the change.
 *
 * @param version the team's version after the change (0 when founded): with the id, the fact's key
 * @param before what the team counted as before (null when founded)
 * @param after what it counts as now
 */
public record TeamCounted(long teamId, int version, String regionPath, TeamLevel level, OffsetDateTime foundedAt,
		Standing before, Standing after) {

	/** @param active not dissolved */
	public record Standing(TeamType type, boolean active) {
	}
}
