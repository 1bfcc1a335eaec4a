package org.wenming.activity.checkin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed token in a shift's QR code: {@code shiftId.slot.signature}, where the slot numbers the
 * code period the code was shown in and the signature is HMAC-SHA256 (first 16 bytes, base64url)
 * of both. Only the server can make one; it names one shift and one period.
 */
final class CheckinTokens {

	static final Pattern FORMAT = Pattern.compile("([1-9]\\d{0,17})\\.(\\d{1,12})\\.([A-Za-z0-9_-]{22})");

	private final long periodSeconds;

	/** One keyed Mac per thread: looking the algorithm up and keying it took 2 % of a check-in's CPU. */
	private final ThreadLocal<Mac> macs;

	CheckinTokens(byte[] key, long periodSeconds) {
		SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
		this.periodSeconds = periodSeconds;
		this.macs = ThreadLocal.withInitial(() -> {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(spec);
				return mac;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("HmacSHA256 is not available", ex);
			}
		});
	}

	/** @param shiftId the shift @param slot the code period */
	record Token(long shiftId, long slot) {
	}

	long periodSeconds() {
		return periodSeconds;
	}

	long slot(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), periodSeconds);
	}

	String issue(long shiftId, long slot) {
		return shiftId + "." + slot + "." + sign(shiftId, slot);
	}

	/** The token's shift and slot if it is well formed and signed by this server. */
	Optional<Token> read(String token) {
		Matcher m = token == null ? null : FORMAT.matcher(token);
		if (m == null || !m.matches()) {
			return Optional.empty();
		}
		long shiftId = Long.parseLong(m.group(1));
		long slot = Long.parseLong(m.group(2));
		boolean genuine = MessageDigest.isEqual(sign(shiftId, slot).getBytes(StandardCharsets.US_ASCII),
				m.group(3).getBytes(StandardCharsets.US_ASCII));
		return genuine ? Optional.of(new Token(shiftId, slot)) : Optional.empty();
	}

	/** Whether a token shown in {@code tokenSlot} may be used at {@code at}: its own period or the next. */
	boolean fresh(long tokenSlot, Instant at) {
		long now = slot(at);
		return tokenSlot == now || tokenSlot == now - 1;
	}

	private String sign(long shiftId, long slot) {
		// doFinal leaves the Mac reset and keyed for the next use
		byte[] digest = macs.get()
			.doFinal(("wenming-checkin:" + shiftId + ":" + slot).getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
	}
}
