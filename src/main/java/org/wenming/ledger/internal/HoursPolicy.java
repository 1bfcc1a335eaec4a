package org.wenming.ledger.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.wenming.ledger.internal.LedgerProperties.Rounding;

/**
 * Pure rules for credited hours: rounding actual time to the step, the daily cap, and star levels.
 * No Spring, no database, so they are tested directly.
 */
public record HoursPolicy(BigDecimal step, Rounding rounding, BigDecimal dailyCap, List<BigDecimal> starThresholds) {

	private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

	public static HoursPolicy of(LedgerProperties properties) {
		return new HoursPolicy(properties.roundingStep(), properties.rounding(), properties.dailyCap(),
				properties.starThresholds());
	}

	/** Actual time between start and end, rounded to a multiple of the step (scale 1). */
	public BigDecimal round(OffsetDateTime start, OffsetDateTime end) {
		long seconds = Math.max(0, Duration.between(start, end).getSeconds());
		return roundHours(BigDecimal.valueOf(seconds).divide(SECONDS_PER_HOUR, 10, RoundingMode.DOWN));
	}

	/** Hours rounded to a multiple of the step (scale 1). */
	public BigDecimal roundHours(BigDecimal hours) {
		RoundingMode mode = switch (rounding) {
			case DOWN -> RoundingMode.DOWN;
			case UP -> RoundingMode.UP;
			case NEAREST -> RoundingMode.HALF_UP;
		};
		BigDecimal steps = hours.divide(step, 0, mode);
		return steps.multiply(step).setScale(1, RoundingMode.UNNECESSARY);
	}

	/** What may still be credited on a day that already has {@code creditedToday}: never below zero. */
	public BigDecimal capped(BigDecimal hours, BigDecimal creditedToday) {
		BigDecimal room = dailyCap.subtract(creditedToday).max(BigDecimal.ZERO);
		return hours.min(room).setScale(1, RoundingMode.UNNECESSARY);
	}

	/** 星级: how many thresholds the total has reached (0 = no star yet). */
	public int stars(BigDecimal totalHours) {
		int stars = 0;
		for (BigDecimal threshold : starThresholds) {
			if (totalHours.compareTo(threshold) >= 0) {
				stars++;
			}
		}
		return stars;
	}

	/** Hours still needed for the next star, or null at the top level. */
	public BigDecimal toNextStar(BigDecimal totalHours) {
		for (BigDecimal threshold : starThresholds) {
			if (totalHours.compareTo(threshold) < 0) {
				return threshold.subtract(totalHours);
			}
		}
		return null;
	}
}
