package org.wenming.volunteer.team;

import java.time.OffsetDateTime;

/**
 * A volunteer team as stored.
 *
 * @param parentId the team above, or null for a top team
 * @param practiceSiteId the practice site the team is based at, if any (inside the team's region)
 * @param contactName the contact person; shown masked to the public
 * @param contactPhone the organisation's phone (landline or hotline), published
 * @param version optimistic-locking version: an update names the version it was based on
 */
public record Team(long id, String name, Long parentId, TeamLevel level, TeamType type, String regionCode,
		String regionPath, Long practiceSiteId, String contactName, String contactPhone, String description,
		TeamStatus status, OffsetDateTime createdAt, OffsetDateTime updatedAt, String updatedBy, int version) {

	public boolean active() {
		return status == TeamStatus.ACTIVE;
	}
}
