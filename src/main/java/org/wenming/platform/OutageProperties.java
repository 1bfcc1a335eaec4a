package org.wenming.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Wenming answers while its database is unreachable or restarting ({@code wenming.outage.*}).
 *
 * @param retryAfter the {@code Retry-After} of the 503 answered meanwhile (whole seconds, 1 s to 10 min)
 * @param connectionTimeout how long a request waits for a database connection before it is answered 503
 *        (0.25 s to 60 s); also the wait of a saturated pool, so not shorter than its longest queue
 */
@ConfigurationProperties("wenming.outage")
public record OutageProperties(@DefaultValue("5s") Duration retryAfter, @DefaultValue("5s") Duration connectionTimeout) {

	public OutageProperties {
		if (retryAfter.toMillis() % 1000 != 0 || retryAfter.compareTo(Duration.ofSeconds(1)) < 0
				|| retryAfter.compareTo(Duration.ofMinutes(10)) > 0) {
			throw new IllegalArgumentException("wenming.outage.retry-after must be whole seconds from 1s to 10m");
		}
		if (connectionTimeout.compareTo(Duration.ofMillis(250)) < 0 || connectionTimeout.compareTo(Duration.ofSeconds(60)) > 0) {
			throw new IllegalArgumentException("wenming.outage.connection-timeout must be between 250ms and 60s");
		}
	}

	/** The value of the {@code Retry-After} header. */
	public long retryAfterSeconds() {
		return retryAfter.toSeconds();
	}
}
