package org.wenming.notification.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook's signature header: {@code X-Wenming-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}
 * with {@code X-Wenming-Timestamp: <epoch seconds>}. Signing the timestamp with the body lets a gateway
 * refuse a replayed request older than a few minutes.
 */
public final class WebhookSignature {

	public static final String DELIVERY_HEADER = "X-Wenming-Delivery";

	public static final String TIMESTAMP_HEADER = "X-Wenming-Timestamp";

	public static final String SIGNATURE_HEADER = "X-Wenming-Signature";

	private WebhookSignature() {
	}

	/** {@code sha256=} and the lower-case hex HMAC. */
	public static String sign(String secret, long epochSeconds, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] digest = mac.doFinal((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
			return "sha256=" + HexFormat.of().formatHex(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/** What a gateway does: recompute and compare in constant time. */
	public static boolean verify(String secret, String timestamp, String body, String signature) {
		if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
			return false;
		}
		String expected = sign(secret, Long.parseLong(timestamp), body);
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII));
	}
}
