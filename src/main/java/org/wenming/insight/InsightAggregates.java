package org.wenming.insight;

import java.util.List;

/**
 * The maintained aggregates behind the dashboards, as a whole: recount them from the raw records
 * (after a bulk load that bypassed the events, e.g. the demo generator) and check them against a
 * recount.
 */
public interface InsightAggregates {

	/**
	 * Replaces every aggregate with a recount from the raw records, in the caller's transaction
	 * (so a bulk load and its aggregates commit or roll back together).
	 */
	void rebuild();

	/** Recounts from the raw records and returns every aggregate that differs; empty when all agree. */
	List<AggregateDifference> check();

	/**
	 * One aggregate that does not equal its recount.
	 *
	 * @param aggregate what is counted, e.g. "service hours, 441202, 2026-03, LECTURE"
	 * @param maintained what the aggregate says (null when its row is missing)
	 * @param recounted what the raw records add up to (null when there are none)
	 */
	record AggregateDifference(String aggregate, java.math.BigDecimal maintained, java.math.BigDecimal recounted) {

		@Override
		public String toString() {
			return aggregate + ": maintained " + maintained + ", recounted " + recounted;
		}
	}
}
