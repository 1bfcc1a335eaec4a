package org.wenming.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The marks a criterion gives for what the inspector recorded (pure: no Spring, no database). The
 * rules and their floor at zero are the framework's; the bounds on what may be recorded (no negative
 * count, a deduction not beyond full marks) are checked before, where the input arrives.
 */
public final class Scoring {

	private Scoring() {
	}

	/**
	 * @param criterion the rule and its numbers
	 * @param recorded what the inspector recorded: the value its rule needs
	 * @return marks between zero and the criterion's full marks, two decimals
	 * @throws IllegalArgumentException when the recorded value is not the one the rule needs, or out of range
	 */
	public static BigDecimal marks(Rule criterion, Recorded recorded) {
		BigDecimal marks = switch (criterion.rule()) {
			case PASS_FAIL -> {
				require(recorded.passed() != null, "a pass/fail criterion needs passed");
				yield recorded.passed() ? criterion.fullMarks() : BigDecimal.ZERO;
			}
			case DEDUCTION -> {
				require(recorded.shortfalls() != null && recorded.shortfalls() >= 0,
						"a deduction criterion needs the number of shortfalls, zero or more");
				yield criterion.fullMarks().subtract(criterion.deduction().multiply(BigDecimal.valueOf(recorded.shortfalls())));
			}
			case COUNT_TARGET -> {
				require(recorded.counted() != null && recorded.counted() >= 0,
						"a count criterion needs the count, zero or more");
				int missing = Math.max(0, criterion.target() - recorded.counted());
				yield criterion.fullMarks().subtract(criterion.deduction().multiply(BigDecimal.valueOf(missing)));
			}
		};
		return marks.max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
	}

	/** Score rate (得分率): marks obtained ÷ marks possible, as a percentage with one decimal; null when nothing was possible. */
	public static BigDecimal rate(BigDecimal obtained, BigDecimal possible) {
		if (possible == null || possible.signum() == 0) {
			return null;
		}
		return obtained.multiply(BigDecimal.valueOf(100)).divide(possible, 1, RoundingMode.HALF_UP);
	}

	/** A criterion counts as failed (and is handed over) when it gave less than full marks. */
	public static boolean failed(Rule criterion, BigDecimal marks) {
		return marks.compareTo(criterion.fullMarks()) < 0;
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	/**
	 * A criterion's scoring rule and numbers.
	 *
	 * @param deduction per shortfall or per missing item (DEDUCTION, COUNT_TARGET), else null
	 * @param target the count to reach (COUNT_TARGET), else null
	 */
	public record Rule(ScoringRule rule, BigDecimal fullMarks, BigDecimal deduction, Integer target) {

		public Rule {
			if (rule == null || fullMarks == null || fullMarks.signum() <= 0) {
				throw new IllegalArgumentException("a rule and positive full marks are needed");
			}
			if ((rule == ScoringRule.PASS_FAIL) != (deduction == null)
					|| (deduction != null && deduction.signum() <= 0)) {
				throw new IllegalArgumentException(rule + " takes " + (rule == ScoringRule.PASS_FAIL ? "no" : "a positive")
						+ " deduction");
			}
			if ((rule == ScoringRule.COUNT_TARGET) != (target != null) || (target != null && target <= 0)) {
				throw new IllegalArgumentException(rule + " takes " + (rule == ScoringRule.COUNT_TARGET ? "a positive" : "no")
						+ " target");
			}
		}
	}

	/** What the inspector recorded for one criterion: one of the three, as the rule needs. */
	public record Recorded(Boolean passed, Integer shortfalls, Integer counted) {

		public static Recorded passed(boolean passed) {
			return new Recorded(passed, null, null);
		}

		public static Recorded shortfalls(int shortfalls) {
			return new Recorded(null, shortfalls, null);
		}

		public static Recorded counted(int counted) {
			return new Recorded(null, null, counted);
		}
	}
}
