package org.wenming.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.wenming.assessment.Scoring.Recorded;
import org.wenming.assessment.Scoring.Rule;

/** The scoring rules on examples computed by hand; no Spring. */
class ScoringTest {

	private static BigDecimal d(String value) {
		return new BigDecimal(value);
	}

	@Test
	void passFailGivesFullMarksOrNone() {
		Rule rule = new Rule(ScoringRule.PASS_FAIL, d("2"), null, null);
		assertThat(Scoring.marks(rule, Recorded.passed(true))).isEqualTo(d("2.00"));
		assertThat(Scoring.marks(rule, Recorded.passed(false))).isEqualTo(d("0.00"));
		assertThat(Scoring.failed(rule, d("0.00"))).isTrue();
		assertThat(Scoring.failed(rule, d("2.00"))).isFalse();
	}

	@Test
	void eachShortfallDeductsDownToZero() {
		// 5 marks, 0.5 per shortfall: 3 shortfalls -> 3.5; 10 -> 0 (not -0.5... -5)
		Rule rule = new Rule(ScoringRule.DEDUCTION, d("5"), d("0.5"), null);
		assertThat(Scoring.marks(rule, Recorded.shortfalls(0))).isEqualTo(d("5.00"));
		assertThat(Scoring.marks(rule, Recorded.shortfalls(3))).isEqualTo(d("3.50"));
		assertThat(Scoring.marks(rule, Recorded.shortfalls(10))).isEqualTo(d("0.00"));
		assertThat(Scoring.marks(rule, Recorded.shortfalls(11))).isEqualTo(d("0.00"));
		assertThat(Scoring.failed(rule, d("3.50"))).isTrue();
	}

	@Test
	void aCountTargetDeductsForEachOneMissing() {
		// at least 4 public-service posters, 3 marks, 1 per poster missing
		Rule rule = new Rule(ScoringRule.COUNT_TARGET, d("3"), d("1"), 4);
		assertThat(Scoring.marks(rule, Recorded.counted(6))).isEqualTo(d("3.00"));
		assertThat(Scoring.marks(rule, Recorded.counted(4))).isEqualTo(d("3.00"));
		assertThat(Scoring.marks(rule, Recorded.counted(2))).isEqualTo(d("1.00"));
		assertThat(Scoring.marks(rule, Recorded.counted(0))).isEqualTo(d("0.00"));
		// a deduction that does not divide the marks evenly still floors at zero
		Rule uneven = new Rule(ScoringRule.COUNT_TARGET, d("2"), d("0.75"), 5);
		assertThat(Scoring.marks(uneven, Recorded.counted(3))).isEqualTo(d("0.50"));
		assertThat(Scoring.marks(uneven, Recorded.counted(2))).isEqualTo(d("0.00"));
	}

	@Test
	void theValueMustBeTheOneTheRuleNeeds() {
		Rule count = new Rule(ScoringRule.COUNT_TARGET, d("3"), d("1"), 4);
		assertThatThrownBy(() -> Scoring.marks(count, Recorded.passed(true))).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Scoring.marks(count, Recorded.counted(-1))).isInstanceOf(IllegalArgumentException.class);
		Rule deduction = new Rule(ScoringRule.DEDUCTION, d("3"), d("1"), null);
		assertThatThrownBy(() -> Scoring.marks(deduction, Recorded.shortfalls(-2)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new Rule(ScoringRule.PASS_FAIL, d("2"), d("1"), null))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new Rule(ScoringRule.DEDUCTION, d("2"), null, null))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new Rule(ScoringRule.COUNT_TARGET, d("2"), d("1"), 0))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new Rule(ScoringRule.PASS_FAIL, d("0"), null, null))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theRateIsObtainedOverPossibleAndNothingWhereNothingWasPossible() {
		// the Jiaozuo round's overall figure: 70.1 %
		assertThat(Scoring.rate(d("701.0"), d("1000"))).isEqualTo(d("70.1"));
		assertThat(Scoring.rate(d("2"), d("3"))).isEqualTo(d("66.7"));
		assertThat(Scoring.rate(d("0"), d("12"))).isEqualTo(d("0.0"));
		// a place type with no criteria in the framework: no rate rather than 0 % or 100 %
		assertThat(Scoring.rate(d("0"), d("0"))).isNull();
	}
}
