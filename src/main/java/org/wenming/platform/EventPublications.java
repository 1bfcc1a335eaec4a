package org.wenming.platform;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other modules may know of the event publication registry ({@code event_publication}, platform's
 * table) without reading it: an event still incomplete may be delivered again.
 */
@Component
public class EventPublications {

	private final JdbcClient jdbc;

	EventPublications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** When the oldest publication that is not completed yet was published; empty when all are. */
	public Optional<Instant> oldestIncomplete() {
		return jdbc.sql("select min(publication_date) from event_publication where completion_date is null")
			.query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
	}

	/** How many publications are still incomplete that were published longer than {@code age} ago. */
	int incompleteOlderThan(Duration age) {
		return jdbc.sql("""
				select count(*) from event_publication
				where completion_date is null and publication_date < now() - cast(:age as interval)""")
			.param("age", age.toMillis() + " milliseconds").query(Integer.class).single();
	}
}
