package org.wenming.ledger;

import java.math.BigDecimal;

/**
 * A volunteer's maintained totals.
 *
 * @param hours all credited hours (corrections included)
 * @param records service and manual records (corrections do not count as records of service)
 * @param yearHours hours of services that started this city year
 * @param stars 星级: how many thresholds the total has reached
 * @param toNextStar hours still needed for the next star, null at the top
 */
public record HoursTotals(BigDecimal hours, int records, BigDecimal yearHours, int year, int stars,
		BigDecimal toNextStar) {
}
