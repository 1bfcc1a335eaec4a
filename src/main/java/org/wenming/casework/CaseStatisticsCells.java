package org.wenming.casework;

import java.math.BigDecimal;
import java.util.List;

/**
 * The maintained cells behind the rectification statistics (整改统计), as a whole: every case change
 * made through the workflow keeps them up to date in its own transaction; a bulk load that writes
 * {@code rectification_case} directly (COPY, plain SQL) must call {@link #rebuild()} afterwards, in
 * its transaction. {@link #check()} compares the cells with a recount from the cases.
 */
public interface CaseStatisticsCells {

	/**
	 * Replaces every cell with a recount from {@code rectification_case}, in the caller's transaction
	 * (so a bulk load and its cells commit or roll back together). Case changes committing meanwhile
	 * wait for it and then apply on top of it, so none is lost.
	 */
	void rebuild();

	/** Recounts from the cases and returns every cell that differs (at most 100); empty when all agree. */
	List<CellDifference> check();

	/**
	 * One cell figure that does not equal its recount.
	 *
	 * @param cell which cell: grain, bucket, place, category, unit
	 * @param figure which of its counts, e.g. "closed"
	 * @param maintained what the cell says (0 when the cell is missing)
	 * @param recounted what the cases add up to
	 */
	record CellDifference(String cell, String figure, BigDecimal maintained, BigDecimal recounted) {

		@Override
		public String toString() {
			return cell + " " + figure + ": maintained " + maintained + ", recounted " + recounted;
		}
	}
}
