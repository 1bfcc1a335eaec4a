package org.wenming.assessment.round;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.wenming.assessment.PlaceType;

/**
 * A place drawn into a round, as the round's tables and the inspectors' lists show it.
 *
 * @param drawOrder its position in the draw (0-based)
 * @param teamId the team assigned, null until assigned
 * @param closedAt when its inspector closed it (the observation part's), null while open
 */
public record SampledPlace(long roundId, long placeId, PlaceType type, String name, String address,
		String regionCode, String regionPath, String countyCode, String countyName, String townName, String villageName,
		BigDecimal latitude, BigDecimal longitude, int drawOrder, Long teamId, String teamName, OffsetDateTime closedAt) {
}
