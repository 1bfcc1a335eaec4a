package org.wenming.assessment;

/** How a criterion turns what the inspector saw into marks. */
public enum ScoringRule {

	/** Full marks when the place meets the criterion, none when it does not. */
	PASS_FAIL,

	/** Each shortfall found deducts a fixed amount, down to zero. */
	DEDUCTION,

	/** At least a target number of something (e.g. public-service posters); each one missing deducts a fixed amount, down to zero. */
	COUNT_TARGET;

	public String messageKey() {
		return "assessment.rule." + name();
	}
}
