package org.wenming.ledger.transparency;

import java.time.Instant;
import java.util.Base64;

/**
 * A signed head as published in JSON (the API, the certificate's transparency bundle, the witness's state):
 * {@code {"city":"4412","size":12345,"root":"<b64>","time":"2026-12-07T04:30:00.123Z","suite":"ED25519_SHA256",
 * "keyId":"…","signature":"<b64>","checkpoint":"…"}}.
 */
public record HeadJson(String city, long size, String root, String time, String suite, String keyId, String signature,
		String checkpoint) {

	public static HeadJson of(SignedHead head) {
		return new HeadJson(head.cityCode(), head.size(), Base64.getEncoder().encodeToString(head.root()),
				SignedHead.formatTime(head.time()), head.suite().name(), head.keyId(),
				Base64.getEncoder().encodeToString(head.signature()), head.checkpoint());
	}

	/**
	 * The head these fields describe (the checkpoint field is not trusted: the head's own checkpoint is rebuilt from
	 * the fields, and that is what the signature must cover).
	 *
	 * @throws IllegalArgumentException when a field is missing or malformed
	 */
	public SignedHead toHead() {
		if (city == null || root == null || time == null || suite == null || signature == null) {
			throw new IllegalArgumentException("a head needs city, size, root, time, suite, keyId and signature");
		}
		return new SignedHead(city, size, Base64.getDecoder().decode(root), Instant.parse(time), Suite.valueOf(suite), keyId,
				Base64.getDecoder().decode(signature));
	}
}
