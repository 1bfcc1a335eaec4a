package org.wenming.ledger;

import java.math.BigDecimal;

/**
 * A maintained total that does not equal the recount from the records.
 *
 * @param table volunteer_hours, volunteer_year_hours or volunteer_day_hours
 * @param volunteerId whose total
 * @param key the year or day, empty for the overall total
 * @param what hours or records
 * @param maintained what the table says (null when the row is missing)
 * @param recounted what the records add up to (null when there are none)
 */
public record TotalsDifference(String table, long volunteerId, String key, String what, BigDecimal maintained,
		BigDecimal recounted) {

	@Override
	public String toString() {
		return table + " volunteer " + volunteerId + (key.isEmpty() ? "" : " " + key) + " " + what + ": maintained "
				+ maintained + ", recounted " + recounted;
	}
}
