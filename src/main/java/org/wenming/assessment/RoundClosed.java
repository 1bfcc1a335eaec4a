package org.wenming.assessment;

import java.time.OffsetDateTime;

/**
 * A round was closed: its scores are final. The hand-over of its failed criteria to casework and the
 * dashboards' figures follow from it.
 *
 * @param roundId the round
 * @param regionPath the city's region path (the round's scope)
 * @param closedBy username of who closed it
 * @param closedAt when
 */
public record RoundClosed(long roundId, String regionPath, String closedBy, OffsetDateTime closedAt) {
}
