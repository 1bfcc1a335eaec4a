package org.wenming.assessment.place;

import java.math.BigDecimal;

import org.wenming.assessment.PlaceType;

/**
 * A place as submitted to be added or changed (the form, the API, one import row), before its rules
 * are checked ({@link PlaceRules}).
 */
public record PlaceDraft(PlaceType type, String name, String address, String regionCode, BigDecimal latitude,
		BigDecimal longitude) {

	/** Text stripped; blank optional text becomes null. */
	public PlaceDraft trimmed() {
		return new PlaceDraft(type, strip(name), strip(address), strip(regionCode), latitude, longitude);
	}

	private static String strip(String text) {
		if (text == null) {
			return null;
		}
		String stripped = text.strip();
		return stripped.isEmpty() ? null : stripped;
	}
}
