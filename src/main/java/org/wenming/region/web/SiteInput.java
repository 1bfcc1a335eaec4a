package org.wenming.region.web;

import java.math.BigDecimal;

import org.wenming.region.SiteDraft;
import org.wenming.region.SiteKind;

/**
 * A site as a JSON client submits it. Region and kind are read only when creating; {@code version}
 * is required when updating.
 */
record SiteInput(String regionCode, SiteKind kind, String name, Boolean demonstration, String address,
		String openingHours, String contactName, String contactPhone, BigDecimal latitude, BigDecimal longitude,
		String description, Integer version) {

	SiteDraft draft() {
		return new SiteDraft(regionCode, kind, name, Boolean.TRUE.equals(demonstration), address, openingHours,
				contactName, contactPhone, latitude, longitude, description);
	}
}
