package org.wenming.ledger.transparency;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * A signed tree head: a city's tree of {@code size} leaves had {@code root} at {@code time}, says the key
 * {@code keyId}. What is signed is {@link #checkpoint()}.
 *
 * @param cityCode the city's 4-digit code
 * @param size how many leaves
 * @param root the tree's root (32 bytes)
 * @param time when it was signed, milliseconds
 * @param suite the suite of the hash and the signature
 * @param keyId the signing key's id (see {@link PublicKeyInfo})
 * @param signature Ed25519 (64 bytes) or SM2 DER (r,s) over the checkpoint's bytes
 */
public record SignedHead(String cityCode, long size, byte[] root, Instant time, Suite suite, String keyId,
		byte[] signature) {

	/** The first line of every checkpoint. */
	public static final String ORIGIN = "wenming.ledger.v1";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(java.time.ZoneOffset.UTC);

	public SignedHead {
		if (cityCode == null || !cityCode.matches("\\d{4}")) {
			throw new IllegalArgumentException("a head's city is 4 digits, was " + cityCode);
		}
		if (size < 0) {
			throw new IllegalArgumentException("a head's size is not negative, was " + size);
		}
		if (root == null || root.length != TreeHash.SIZE) {
			throw new IllegalArgumentException("a head's root is 32 bytes");
		}
		time = time.truncatedTo(ChronoUnit.MILLIS);
		root = root.clone();
		signature = signature == null ? new byte[0] : signature.clone();
	}

	@Override
	public byte[] root() {
		return root.clone();
	}

	@Override
	public byte[] signature() {
		return signature.clone();
	}

	/** The exact text that is signed: UTF-8, {@code \n} line ends, a final newline. */
	public String checkpoint() {
		return ORIGIN + "\ncity " + cityCode + "\nsize " + size + "\nroot " + Base64.getEncoder().encodeToString(root)
				+ "\ntime " + formatTime(time) + "\nsuite " + suite.name() + "\n";
	}

	/** The checkpoint's bytes. */
	public byte[] signedBytes() {
		return checkpoint().getBytes(StandardCharsets.UTF_8);
	}

	/** The same head with a signature. */
	public SignedHead withSignature(String keyId, byte[] signature) {
		return new SignedHead(cityCode, size, root, time, suite, keyId, signature);
	}

	/** {@code 2026-12-07T04:30:00.123Z}: always three digits of milliseconds. */
	public static String formatTime(Instant time) {
		return TIME.format(time.truncatedTo(ChronoUnit.MILLIS));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SignedHead h && cityCode.equals(h.cityCode) && size == h.size
				&& java.util.Arrays.equals(root, h.root) && time.equals(h.time) && suite == h.suite
				&& java.util.Objects.equals(keyId, h.keyId) && java.util.Arrays.equals(signature, h.signature);
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hash(cityCode, size, java.util.Arrays.hashCode(root), time, suite, keyId);
	}

	@Override
	public String toString() {
		return "head of city " + cityCode + " size " + size + " at " + formatTime(time);
	}
}
