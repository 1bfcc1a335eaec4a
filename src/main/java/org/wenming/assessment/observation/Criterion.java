package org.wenming.assessment.observation;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.wenming.assessment.Scoring;
import org.wenming.assessment.ScoringRule;

/** A criterion of the round's framework for one place type, with the item it is grouped under. */
public record Criterion(long id, long itemId, String itemCode, String itemName, String code, String text,
		BigDecimal fullMarks, ScoringRule rule, BigDecimal deduction, Integer target) {

	public Scoring.Rule scoringRule() {
		return new Scoring.Rule(rule, fullMarks, deduction, target);
	}

	/**
	 * The most shortfalls a DEDUCTION criterion takes: the number that brings it to zero. One more would
	 * deduct beyond full marks, which is refused rather than silently floored.
	 */
	@com.fasterxml.jackson.annotation.JsonProperty("maxShortfalls")
	public int maxShortfalls() {
		if (rule != ScoringRule.DEDUCTION) {
			return 0;
		}
		return fullMarks.divide(deduction, 0, RoundingMode.CEILING).intValueExact();
	}
}
