package org.wenming.region;

/**
 * A page of sites under a region.
 *
 * @param region the subtree to list (within the caller's scope)
 * @param kind only this kind, or any when null
 * @param demonstrationOnly only demonstration sites (示范点)
 * @param text part of the name, or none
 * @param page zero-based page number
 * @param size sites per page
 */
public record SiteQuery(Region region, SiteKind kind, boolean demonstrationOnly, String text, int page, int size) {

	public SiteQuery {
		if (page < 0 || size < 1) {
			throw new IllegalArgumentException("page " + page + ", size " + size);
		}
		text = text == null || text.isBlank() ? null : text.strip();
	}

	public long offset() {
		return (long) page * size;
	}
}
