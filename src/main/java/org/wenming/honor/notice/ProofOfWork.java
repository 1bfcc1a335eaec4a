package org.wenming.honor.notice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

import org.wenming.platform.SecretTokens;

/**
 * The anonymous like's proof of work. A challenge is {@code 1.<nomination>.<expires, epoch s>.<bits>.<nonce>.<mac>}:
 * the server keeps nothing until it is spent, since the MAC (the notice key) proves it issued it. The browser finds
 * a decimal counter such that SHA-256 of the UTF-8 bytes of {@code challenge + counter} starts with {@code bits}
 * zero bits; checking it costs one hash.
 */
@org.springframework.stereotype.Component
public final class ProofOfWork {

	/** What a check of a proof found. */
	public enum Verdict {
		VALID, MISSING, FORGED, EXPIRED, WRONG_NOMINATION, NOT_SOLVED
	}

	/** A challenge as issued. */
	public record Challenge(String challenge, int bits, Instant expiresAt) {
	}

	private static final int MAX_COUNTER_DIGITS = 15;

	private final NoticeKeys.NoticeSecret secret;

	ProofOfWork(NoticeKeys.NoticeSecret secret) {
		this.secret = secret;
	}

	Challenge issue(long nominationId, int bits, Instant expiresAt) {
		String body = "1." + nominationId + "." + expiresAt.getEpochSecond() + "." + bits + "." + SecretTokens.random(12);
		return new Challenge(body + "." + mac(body), bits, Instant.ofEpochSecond(expiresAt.getEpochSecond()));
	}

	/** Checks a proof: signature, expiry, nomination, then the zero bits. */
	Verdict verify(String challenge, String counter, long nominationId, Instant now) {
		if (challenge == null || challenge.isBlank() || counter == null || counter.isBlank()) {
			return Verdict.MISSING;
		}
		if (challenge.length() > 200 || !counter.matches("\\d{1," + MAX_COUNTER_DIGITS + "}")) {
			return Verdict.FORGED;
		}
		String[] parts = challenge.split("\\.");
		if (parts.length != 6 || !"1".equals(parts[0])) {
			return Verdict.FORGED;
		}
		String body = String.join(".", parts[0], parts[1], parts[2], parts[3], parts[4]);
		if (!MessageDigest.isEqual(mac(body).getBytes(StandardCharsets.US_ASCII),
				parts[5].getBytes(StandardCharsets.US_ASCII))) {
			return Verdict.FORGED;
		}
		long expires;
		long nomination;
		int bits;
		try {
			nomination = Long.parseLong(parts[1]);
			expires = Long.parseLong(parts[2]);
			bits = Integer.parseInt(parts[3]);
		}
		catch (NumberFormatException ex) {
			return Verdict.FORGED;
		}
		if (now.getEpochSecond() >= expires) {
			return Verdict.EXPIRED;
		}
		if (nomination != nominationId) {
			return Verdict.WRONG_NOMINATION;
		}
		return solves(challenge, counter, bits) ? Verdict.VALID : Verdict.NOT_SOLVED;
	}

	/** When a challenge stops being accepted (for the spent list's purge), or null if unreadable. */
	static Instant expiry(String challenge) {
		String[] parts = challenge.split("\\.");
		return Instant.ofEpochSecond(Long.parseLong(parts[2]));
	}

	/** Whether SHA-256 of {@code challenge + counter} starts with at least {@code bits} zero bits. */
	public static boolean solves(String challenge, String counter, int bits) {
		return leadingZeroBits(sha256(challenge + counter)) >= bits;
	}

	/** How many zero bits a byte string starts with. */
	public static int leadingZeroBits(byte[] bytes) {
		int bits = 0;
		for (byte b : bytes) {
			if (b == 0) {
				bits += 8;
				continue;
			}
			return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
		}
		return bits;
	}

	/** Finds a counter for a challenge, as the browser does (tests and the benchmark's preparation). */
	public static String solve(String challenge, int bits) {
		for (long counter = 0;; counter++) {
			String text = Long.toString(counter);
			if (solves(challenge, text, bits)) {
				return text;
			}
		}
	}

	static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String mac(String body) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(secret.mac("honor-pow:" + body));
	}
}
