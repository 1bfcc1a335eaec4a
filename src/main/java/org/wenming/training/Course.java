package org.wenming.training;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A course (培训课程).
 *
 * @param endsOn null for a course of one day
 * @param qualification what completing it grants, or null
 * @param validityMonths how long that lasts, null: no expiry
 * @param enrolled how many are enrolled or completed
 */
public record Course(long id, String title, String provider, BigDecimal hours, LocalDate startsOn, LocalDate endsOn,
		String place, boolean certificate, Qualification qualification, Integer validityMonths, boolean cancelled,
		String regionCode, String regionPath, int enrolled) {

	public LocalDate lastDay() {
		return endsOn == null ? startsOn : endsOn;
	}
}
