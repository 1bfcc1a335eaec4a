package org.wenming.servicedesk.menu;

import java.time.OffsetDateTime;

/**
 * One item of a practice site's service menu (服务菜单), as stored.
 *
 * @param regionPath the site's region's path: the villages under it may order the item
 * @param eligibility who may order it, as the site words it (may be null)
 * @param leadDays the usual lead time in days (may be null)
 * @param teamId the team that usually serves it (may be null)
 * @param version optimistic-locking version: an edit names the version it was based on
 */
public record MenuItem(long id, long siteId, String regionPath, String name, String category, String description,
		String eligibility, Integer leadDays, Long teamId, boolean atHome, String status, String updatedBy,
		OffsetDateTime updatedAt, int version) {

	public boolean active() {
		return "ACTIVE".equals(status);
	}

	/** Message key of the item's category name. */
	public String categoryKey() {
		return "servicedesk.category." + category;
	}
}
