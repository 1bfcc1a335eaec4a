package org.wenming.volunteer.team;

import org.wenming.region.Region;

/**
 * A page of teams under a region.
 *
 * @param region the subtree to list
 * @param type only this type, or any when null
 * @param text part of the name, or none
 * @param page zero-based page number
 * @param size teams per page
 */
public record TeamQuery(Region region, TeamType type, String text, int page, int size) {

	public TeamQuery {
		if (page < 0 || size < 1) {
			throw new IllegalArgumentException("page " + page + ", size " + size);
		}
		text = text == null || text.isBlank() ? null : text.strip();
	}

	public long offset() {
		return (long) page * size;
	}
}
