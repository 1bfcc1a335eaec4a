package org.wenming.ledger;

/**
 * The outcome of walking the chain.
 *
 * @param intact every link holds and the head points at the last record
 * @param checked how many records were checked
 * @param lastSeq the last seq checked
 * @param brokenSeq the first record whose link is broken, or null
 * @param problem what is wrong there (seq gap, prev_hash mismatch, hash mismatch, head mismatch)
 * @param expected what the record should have held (hex of a hash, or a seq)
 * @param found what it holds
 * @param millis how long the walk took
 */
public record ChainVerdict(boolean intact, long checked, long lastSeq, Long brokenSeq, String problem, String expected,
		String found, long millis) {

	public String describe() {
		return intact ? "ledger chain intact: " + checked + " records, last seq " + lastSeq + ", " + millis + " ms"
				: "ledger chain BROKEN at seq " + brokenSeq + ": " + problem + " (expected " + expected + ", found "
						+ found + "); " + checked + " records checked before it, " + millis + " ms";
	}
}
