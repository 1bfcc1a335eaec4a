package org.wenming.assessment.observation.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.wenming.assessment.observation.InspectorAssignments;
import org.wenming.platform.EarthDistance;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;

/**
 * A place of my team as the phone lists it.
 *
 * @param distanceM metres from where the phone said it is, or null
 * @param observed criteria recorded so far, of {@code criteria}
 * @param closed the team has closed the place (done)
 */
public record PlaceLine(long placeId, String name, String placeType, String address, BigDecimal latitude,
		BigDecimal longitude, Integer distanceM, int observed, int criteria, boolean closed) {

	/**
	 * The inspector's places in an open (or closed) round of their team, with the distance from the phone,
	 * the nearest open place first when the phone gave its position. The page and the JSON list the same.
	 *
	 * @throws OutOfScopeException the round is not one of the inspector's (404, audited)
	 */
	static List<PlaceLine> forInspector(InspectorAssignments assignments, ScopedUser user, long round, Double lat,
			Double lon) {
		assignments.round(user.userId(), round)
				.filter(r -> r.member() && ("OPEN".equals(r.status()) || "CLOSED".equals(r.status())))
				.orElseThrow(() -> new OutOfScopeException("assessment-round", String.valueOf(round)));
		List<PlaceLine> lines = new ArrayList<>();
		for (InspectorAssignments.MyPlace p : assignments.myPlaces(user.userId(), round)) {
			Integer distance = lat == null || p.latitude() == null ? null
					: (int) Math.round(EarthDistance.metres(lat, lon, p.latitude().doubleValue(), p.longitude().doubleValue()));
			lines.add(new PlaceLine(p.placeId(), p.name(), p.type().name(), p.address(), p.latitude(), p.longitude(),
					distance, p.observed(), p.criteria(), p.closedAt() != null));
		}
		if (lat != null) {
			// the nearest open place first: where the inspector goes next
			lines.sort(Comparator.comparing(PlaceLine::closed).thenComparing(l -> l.distanceM() == null ? Integer.MAX_VALUE
					: l.distanceM()));
		}
		return lines;
	}
}
