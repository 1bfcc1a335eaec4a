package org.wenming.ledger.transparency;

import java.security.MessageDigest;

/**
 * A city's tree recomputed from its records ({@link LedgerTree#recompute}): the root of its first {@code size}
 * records' re-encodings against the stored root.
 */
public record TreeCheck(String cityCode, long size, byte[] stored, byte[] recomputed, long millis) {

	/** Whether the records still give the stored root. */
	public boolean intact() {
		return MessageDigest.isEqual(stored, recomputed);
	}
}
