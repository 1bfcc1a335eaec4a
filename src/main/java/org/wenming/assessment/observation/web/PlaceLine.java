package org.wenming.assessment.observation.web;

import java.math.BigDecimal;

/**
 * A place of my team as the phone lists it.
 *
 * @param distanceM metres from where the phone said it is, or null
 * @param observed criteria recorded so far, of {@code criteria}
 * @param closed the team has closed the place (done)
 */
public record PlaceLine(long placeId, String name, String placeType, String address, BigDecimal latitude,
		BigDecimal longitude, Integer distanceM, int observed, int criteria, boolean closed) {
}
