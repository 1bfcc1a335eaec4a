package org.wenming.assessment.observation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.wenming.assessment.PlaceType;

/**
 * A sampled place of a round as one person meets it: the round, the place, and whether they belong
 * to the team assigned to it (or to another team of the round).
 *
 * @param frameworkFrozen the round's framework is published (or retired): its criteria can no longer change
 * @param myTeam the person is a member of the team assigned to the place
 * @param inRound the person is a member of some team of the round
 */
public record Assignment(long roundId, String roundName, String roundStatus, LocalDate startsOn, LocalDate endsOn,
		long frameworkId, boolean frameworkFrozen, String roundRegionPath, long placeId, String placeName,
		PlaceType placeType, String address, String placeRegionPath, BigDecimal latitude, BigDecimal longitude, Long teamId, boolean myTeam,
		boolean inRound, Long closedBy, OffsetDateTime closedAt) {

	public boolean open() {
		return "OPEN".equals(roundStatus);
	}

	public boolean closed() {
		return closedAt != null;
	}

	/** Before a round opens its sample is hidden from everyone but the city office's round pages. */
	public boolean visible() {
		return "OPEN".equals(roundStatus) || "CLOSED".equals(roundStatus);
	}
}
