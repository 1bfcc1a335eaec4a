package org.wenming.region;

import java.math.BigDecimal;

/**
 * What staff submit for a site. Region and kind count only when a site is created: a site stays
 * where it was set up.
 */
public record SiteDraft(String regionCode, SiteKind kind, String name, boolean demonstration, String address,
		String openingHours, String contactName, String contactPhone, BigDecimal latitude, BigDecimal longitude,
		String description) {

	/** The same draft with every text trimmed and blank texts turned into none. */
	public SiteDraft trimmed() {
		return new SiteDraft(trim(regionCode), kind, trim(name), demonstration, trim(address), trim(openingHours),
				trim(contactName), trim(contactPhone), latitude, longitude, trim(description));
	}

	private static String trim(String text) {
		if (text == null) {
			return null;
		}
		String trimmed = text.strip();
		return trimmed.isEmpty() ? null : trimmed;
	}
}
