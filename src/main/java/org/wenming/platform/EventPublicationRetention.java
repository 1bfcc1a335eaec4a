package org.wenming.platform;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Completed event publications (the outbox rows of every fact the modules told each other about) are
 * kept for the configured retention, then deleted: a city's registrations, confirmations and case steps
 * would otherwise grow the table forever. Incomplete ones are never deleted here; they wait to be
 * delivered again at the next start.
 */
@Component
class EventPublicationRetention implements RetentionJob {

	private final JdbcClient jdbc;

	private final EventRetentionProperties properties;

	EventPublicationRetention(JdbcClient jdbc, EventRetentionProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@Override
	public String name() {
		return "event-publications";
	}

	@Override
	public String cron() {
		return properties.purgeCron();
	}

	@Override
	public Duration retention() {
		return properties.retention();
	}

	@Override
	public int deleteBatch(Instant before, int limit) {
		return jdbc.sql("""
				delete from event_publication where id in (
				    select id from event_publication where completion_date < :before order by completion_date limit :limit)""")
			.param("before", Timestamp.from(before)).param("limit", limit).update();
	}
}
