package org.wenming.insight.internal;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The keys of applied facts ({@code insight_applied_event}) are there to make a second delivery of
 * the same event count nothing. Only an event whose publication is still incomplete can be delivered
 * again, and its key was written after it was published: so a key is deleted once it is older than
 * the retention <em>and</em> older than the oldest incomplete publication (with a day to spare).
 * Without this the table grew by one row per registration, confirmation and case step, forever.
 */
@Configuration(proxyBeanMethods = false)
class AppliedEventRetention {

	private static final Logger log = LoggerFactory.getLogger(AppliedEventRetention.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration retention;

	AppliedEventRetention(JdbcClient jdbc, Clock clock,
			@Value("${wenming.insight.applied-event-retention:7d}") Duration retention) {
		if (retention.compareTo(Duration.ofDays(1)) < 0) {
			throw new IllegalStateException("wenming.insight.applied-event-retention must be at least 1d, not " + retention);
		}
		this.jdbc = jdbc;
		this.clock = clock;
		this.retention = retention;
	}

	@Scheduled(cron = "${wenming.insight.applied-event-purge-cron:0 47 3 * * *}", zone = "Asia/Shanghai")
	int purge() {
		// event_publication is the outbox Spring Modulith keeps for every module (platform's V1)
		int purged = jdbc.sql("""
				delete from insight_applied_event
				where applied_at < :before
				    and applied_at < coalesce((select min(publication_date) from event_publication
				                               where completion_date is null), 'infinity') - interval '1 day'""")
			.param("before", java.sql.Timestamp.from(clock.instant().minus(retention)))
			.update();
		if (purged > 0) {
			log.info("Deleted {} keys of facts applied more than {} ago", purged, retention);
		}
		return purged;
	}
}
