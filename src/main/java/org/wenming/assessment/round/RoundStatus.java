package org.wenming.assessment.round;

/** Where a round stands: DRAFT → DRAWN → OPEN → CLOSED, never back. */
public enum RoundStatus {

	/** Being set up: name, dates, framework, quota, teams. */
	DRAFT,
	/** The sample is drawn and hidden from the counties; teams are assigned their places. */
	DRAWN,
	/** Inspectors observe their places. */
	OPEN,
	/** Final: scores and hand-over; nothing about the round changes any more. */
	CLOSED;

	public String messageKey() {
		return "assessment.round.status." + name();
	}
}
