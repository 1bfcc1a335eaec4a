package org.wenming.servicedesk.order;

import java.time.Duration;

/** A client placed as many anonymous orders as its window allows; nothing was stored. */
public class OrderLimitException extends RuntimeException {

	private final Duration retryAfter;

	public OrderLimitException(Duration retryAfter) {
		super("too many anonymous orders from one client");
		this.retryAfter = retryAfter;
	}

	/** How long until one more order fits (at least a second). */
	public Duration retryAfter() {
		return retryAfter;
	}

	/** The {@code Retry-After} value in whole seconds, rounded up. */
	public long retryAfterSeconds() {
		return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
	}
}
