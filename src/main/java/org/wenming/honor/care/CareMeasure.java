package org.wenming.honor.care;

import java.math.BigDecimal;

/**
 * A care measure an office grants (礼遇帮扶措施).
 *
 * @param regionCode the granting office's region (the city or a county)
 * @param regionPath that region's path: the measure covers the honoured living under it
 * @param defaultAmount what a grant usually gives, in yuan (null when it is not money)
 */
public record CareMeasure(long id, String regionCode, String regionName, String regionPath, String code, CareKind kind,
		String name, String description, BigDecimal defaultAmount, boolean active) {

	/** Whether the measure may be granted to someone living in the region of this path. */
	public boolean covers(String personRegionPath) {
		return personRegionPath != null && personRegionPath.startsWith(regionPath);
	}
}
