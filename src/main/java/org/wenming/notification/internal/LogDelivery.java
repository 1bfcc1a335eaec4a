package org.wenming.notification.internal;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default delivery: one log line per notice, with the masked mobile, never the clear one. The text is
 * logged whole, one-time codes included, which is acceptable for what this mode is for (one machine, demos);
 * production sets {@code wenming.notification.mode=webhook}.
 */
public class LogDelivery implements Delivery {

	private static final Logger log = LoggerFactory.getLogger(LogDelivery.class);

	@Override
	public Outcome deliver(OutboundMessage message, Instant now) {
		log.info("Notification {} topic={} to={} template={} text={}", message.id(), message.topic(),
				message.maskedMobile(), message.templateCode(), oneLine(message.text().replace(message.mobile(), message.maskedMobile())));
		return Outcome.delivered();
	}

	/** A text's line breaks would start what looks like another log entry. */
	static String oneLine(String text) {
		return text.replaceAll("[\\r\\n]+", " ");
	}
}
