package org.wenming.notification.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed notice is tried again: the base wait doubled with each further failure, capped, less up to
 * a fifth at random so that notices that failed together (the gateway was down) do not all return at once.
 */
public record Backoff(Duration base, Duration max) {

	/** The share of the wait that the jitter may take off. */
	public static final double JITTER = 0.2;

	/** The wait after the given number of attempts (1 = the first failed), before jitter. */
	public Duration wait(int attempts) {
		int doublings = Math.max(0, Math.min(attempts - 1, 30));
		long millis = base.toMillis();
		long capped = max.toMillis();
		for (int i = 0; i < doublings && millis < capped; i++) {
			millis *= 2;
		}
		return Duration.ofMillis(Math.min(millis, capped));
	}

	/**
	 * @param random a number in [0, 1)
	 * @return the next attempt after a failure at {@code now}: between 80 % and 100 % of {@link #wait} later
	 */
	public Instant next(Instant now, int attempts, double random) {
		long full = wait(attempts).toMillis();
		return now.plusMillis(full - (long) (full * JITTER * random));
	}
}
