package org.wenming.assessment.round;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A round (测评轮次) of the city's field assessment.
 *
 * @param frameworkId the published framework version its criteria come from
 * @param quota places drawn per county and place type
 * @param seed the draw's seed, recorded so anyone can redraw the sample; null before the draw
 * @param sampleDigest SHA-256 over the drawn place ids in the order drawn ({@link Sampling#digest})
 * @param candidateCount how many active places the sample was drawn from
 */
public record Round(long id, String name, String regionCode, String regionPath, long frameworkId,
		String frameworkName, int frameworkVersion, LocalDate startsOn, LocalDate endsOn, int quota, RoundStatus status,
		Long seed, String sampleDigest, Integer candidateCount, String candidatesDigest, String createdBy,
		OffsetDateTime createdAt, String drawnBy, OffsetDateTime drawnAt, OffsetDateTime openedAt, String closedBy,
		OffsetDateTime closedAt) {

	public boolean closed() {
		return status == RoundStatus.CLOSED;
	}

	/** Whether the sample is public to the counties and inspectors (the round has opened). */
	public boolean sampleRevealed() {
		return status == RoundStatus.OPEN || status == RoundStatus.CLOSED;
	}
}
