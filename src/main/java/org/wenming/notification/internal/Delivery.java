package org.wenming.notification.internal;

import java.time.Instant;

/** How a claimed notice leaves Wenming ({@code wenming.notification.mode}). */
public interface Delivery {

	/**
	 * Delivers one notice; may throw, which counts as a failed attempt.
	 *
	 * @param now the time of this delivery run (the webhook's timestamp)
	 */
	Outcome deliver(OutboundMessage message, Instant now);

	/** Sent, or why not (never with the clear mobile: the caller scrubs it anyway). */
	record Outcome(boolean sent, String error) {

		public static Outcome delivered() {
			return new Outcome(true, null);
		}

		public static Outcome failed(String error) {
			return new Outcome(false, error);
		}
	}
}
