package org.wenming.notification.internal;

import java.time.Instant;
import java.util.Map;

/** A notice claimed for delivery, the mobile opened again. */
public record OutboundMessage(long id, String topic, String mobile, String maskedMobile, String templateCode,
		Map<String, String> parameters, String text, Instant createdAt, int attempt) {

	@Override
	public String toString() {
		return "OutboundMessage[id=" + id + ", topic=" + topic + ", to=" + maskedMobile + ", attempt=" + attempt + "]";
	}
}
