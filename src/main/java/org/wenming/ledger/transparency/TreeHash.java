package org.wenming.ledger.transparency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * The hash of the transparency log's Merkle tree: SHA-256 (FIPS 180-4) or SM3 (GB/T 32905-2016), both 32 bytes.
 * SM3 comes from Bouncy Castle's lightweight API (no JCE provider is registered).
 */
public enum TreeHash {

	SHA256, SM3;

	/** Length of every digest, in bytes. */
	public static final int SIZE = 32;

	/** The digest of the concatenation of {@code parts}. */
	public byte[] digest(byte[]... parts) {
		if (this == SHA256) {
			MessageDigest digest = sha256();
			for (byte[] part : parts) {
				digest.update(part);
			}
			return digest.digest();
		}
		SM3Digest digest = new SM3Digest();
		for (byte[] part : parts) {
			digest.update(part, 0, part.length);
		}
		byte[] out = new byte[SIZE];
		digest.doFinal(out, 0);
		return out;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}
}
