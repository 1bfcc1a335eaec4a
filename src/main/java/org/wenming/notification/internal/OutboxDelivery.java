package org.wenming.notification.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenming.notification.NotificationProperties;
import org.wenming.volunteer.ContactSeal;
import org.wenming.volunteer.PersonalNumbers;

/**
 * One delivery run: claims due notices in batches, opens each mobile, delivers it and records the outcome —
 * SENT, the next attempt after the back-off, or FAILED after {@code max-attempts}. Several runs (nodes) at
 * once never deliver one notice twice; a run that dies leaves its claimed notices to the next run once their
 * lease is over (at least once).
 */
public class OutboxDelivery {

	private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

	/** Anything in an error that looks like a mainland mobile number. */
	private static final Pattern MOBILE_LIKE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");

	/** Batches in one run at most, so a run ends and the lock moves on even with a long backlog. */
	static final int MAX_BATCHES = 100;

	/** No new batch is claimed after this long, so a run against a gateway that times out ends in time. */
	static final Duration MAX_RUN = Duration.ofMinutes(5);

	private final Outbox outbox;

	private final ContactSeal seal;

	private final Delivery delivery;

	private final NotificationProperties properties;

	private final Backoff backoff;

	private final String node;

	public OutboxDelivery(Outbox outbox, ContactSeal seal, Delivery delivery, NotificationProperties properties,
			String node) {
		this.outbox = outbox;
		this.seal = seal;
		this.delivery = delivery;
		this.properties = properties;
		this.backoff = new Backoff(properties.backoffBase(), properties.backoffMax());
		this.node = node;
	}

	/** How long a claim holds its notices: every one of a batch may take the whole timeout, and a minute more. */
	public Duration lease() {
		return properties.timeout().multipliedBy(properties.batchSize()).plusMinutes(1);
	}

	/** Delivers every notice due at {@code now}; returns how many were sent. */
	public int deliverDue(Instant at) {
		Instant now = at.truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it
		int sent = 0;
		long started = System.nanoTime();
		for (int batch = 0; batch < MAX_BATCHES && System.nanoTime() - started < MAX_RUN.toNanos(); batch++) {
			List<Outbox.Claimed> claimed = outbox.claim(now, now.plus(lease()), properties.batchSize(), node);
			for (Outbox.Claimed row : claimed) {
				if (deliver(row, now)) {
					sent++;
				}
			}
			if (claimed.size() < properties.batchSize()) {
				break;
			}
		}
		return sent;
	}

	private boolean deliver(Outbox.Claimed row, Instant now) {
		String mobile = null;
		Delivery.Outcome outcome;
		try {
			mobile = seal.open(Outbox.RECIPIENT_COLUMN, row.recipient());
			outcome = delivery.deliver(new OutboundMessage(row.id(), row.topic(), mobile, row.recipient().masked(),
					row.templateCode(), BodyTemplate.parameters(row.parameters()), row.text(), row.createdAt(),
					row.attempt()), now);
		}
		catch (RuntimeException ex) {
			outcome = Delivery.Outcome.failed(ex.getClass().getSimpleName()
					+ (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
		}
		if (outcome.sent()) {
			outbox.markSent(row.id(), now);
			return true;
		}
		boolean giveUp = row.attempt() >= properties.maxAttempts();
		String error = scrub(outcome.error(), mobile, row.recipient().masked());
		Instant next = giveUp ? now : backoff.next(now, row.attempt(), ThreadLocalRandom.current().nextDouble());
		if (outbox.markFailed(row.id(), row.attempt(), node, next, giveUp, error)) {
			if (giveUp) {
				log.warn("Notification {} ({}) given up after {} attempts: {}", row.id(), row.topic(), row.attempt(), error);
			}
			else {
				log.info("Notification {} ({}) attempt {} failed, next at {}: {}", row.id(), row.topic(), row.attempt(),
						next, error);
			}
		}
		return false;
	}

	/** Bounded, and with the number masked should the gateway have echoed it. */
	static String scrub(String error, String mobile, String masked) {
		String text = error == null || error.isBlank() ? "failed" : error;
		if (mobile != null && !mobile.isEmpty()) {
			text = text.replace(mobile, masked);
		}
		text = MOBILE_LIKE.matcher(text).replaceAll(m -> PersonalNumbers.maskPhone(m.group()));
		text = text.replaceAll("[\\r\\n\\t]+", " ");
		return text.length() > Outbox.MAX_ERROR ? text.substring(0, Outbox.MAX_ERROR - 1) + "…" : text;
	}
}
