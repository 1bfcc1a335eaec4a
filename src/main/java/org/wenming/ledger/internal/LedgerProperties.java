package org.wenming.ledger.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ledger's rules (see docs/notes/ledger.md). Checked when the application starts: a bad value
 * stops the start with a message naming the property.
 *
 * @param roundingStep credited hours are a multiple of this (0.1 h .. 4 h, a multiple of 0.1)
 * @param rounding how actual time is brought to a multiple of the step
 * @param dailyCap most hours credited to one volunteer for one city day (0.1 h .. 24 h)
 * @param correctionWindow how long after the service a correction may still be approved
 * @param starThresholds hours at which the 1st, 2nd, ... star is reached, ascending
 */
@ConfigurationProperties("wenming.ledger")
public record LedgerProperties(@DefaultValue("0.5") BigDecimal roundingStep, @DefaultValue("DOWN") Rounding rounding,
		@DefaultValue("12") BigDecimal dailyCap, @DefaultValue("90d") Duration correctionWindow,
		@DefaultValue({ "100", "300", "600", "1000", "1500" }) List<BigDecimal> starThresholds) {

	/** How actual time is rounded to the step. */
	public enum Rounding {
		DOWN, NEAREST, UP
	}

	private static final BigDecimal TENTH = new BigDecimal("0.1");

	public LedgerProperties {
		if (roundingStep.compareTo(TENTH) < 0 || roundingStep.compareTo(BigDecimal.valueOf(4)) > 0
				|| roundingStep.remainder(TENTH).signum() != 0) {
			throw new IllegalArgumentException(
					"wenming.ledger.rounding-step must be a multiple of 0.1 between 0.1 and 4 (hours), was " + roundingStep);
		}
		if (dailyCap.compareTo(TENTH) < 0 || dailyCap.compareTo(BigDecimal.valueOf(24)) > 0
				|| dailyCap.remainder(TENTH).signum() != 0) {
			throw new IllegalArgumentException(
					"wenming.ledger.daily-cap must be a multiple of 0.1 between 0.1 and 24 (hours), was " + dailyCap);
		}
		if (correctionWindow.isNegative() || correctionWindow.isZero() || correctionWindow.toDays() > 3650) {
			throw new IllegalArgumentException(
					"wenming.ledger.correction-window must be between 1 second and 3650 days, was " + correctionWindow);
		}
		starThresholds = List.copyOf(starThresholds);
		BigDecimal previous = BigDecimal.ZERO;
		for (BigDecimal threshold : starThresholds) {
			if (threshold.compareTo(previous) <= 0) {
				throw new IllegalArgumentException(
						"wenming.ledger.star-thresholds must be positive and strictly ascending, was " + starThresholds);
			}
			previous = threshold;
		}
		if (starThresholds.isEmpty()) {
			throw new IllegalArgumentException("wenming.ledger.star-thresholds must list at least one threshold");
		}
	}
}
