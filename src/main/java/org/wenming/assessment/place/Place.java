package org.wenming.assessment.place;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.wenming.assessment.PlaceType;

/**
 * A place in the registry (测评点位): a real road, market, compound or window in one village or
 * community, inspected when a round draws it.
 *
 * @param villageName the village or community it lies in, {@code townName} and {@code countyName} above it
 * @param active only active places are candidates of a draw; a closed market is deactivated, not deleted
 *     (earlier rounds keep pointing at it)
 */
public record Place(long id, PlaceType type, String name, String address, String regionCode, String regionPath,
		String villageName, String townName, String countyName, BigDecimal latitude, BigDecimal longitude,
		boolean active, String createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

	/** The county's code: the third segment of the path ({@code 44.4412.441202.…} → 441202). */
	public String countyCode() {
		return countyOf(regionPath);
	}

	/** The county segment of a region path, or null above the county level. */
	public static String countyOf(String path) {
		String[] parts = path.split("\\.");
		return parts.length >= 3 ? parts[2] : null;
	}
}
