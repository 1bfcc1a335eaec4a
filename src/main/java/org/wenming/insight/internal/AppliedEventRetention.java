package org.wenming.insight.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.insight.InsightProperties;
import org.wenming.platform.EventPublications;
import org.wenming.platform.RetentionJob;

/**
 * The keys of applied facts ({@code insight_applied_event}) are there to make a second delivery of
 * the same event count nothing. Only an event whose publication is still incomplete can be delivered
 * again, and its key was written after it was published: so a key is deleted once it is older than
 * the retention <em>and</em> older than the oldest incomplete publication (with a day to spare).
 * Without this the table grew by one row per registration, confirmation and case step, forever.
 */
@Component
class AppliedEventRetention implements RetentionJob {

	private static final Duration SPARE = Duration.ofDays(1);

	private final JdbcClient jdbc;

	private final EventPublications publications;

	private final InsightProperties properties;

	AppliedEventRetention(JdbcClient jdbc, EventPublications publications, InsightProperties properties) {
		this.jdbc = jdbc;
		this.publications = publications;
		this.properties = properties;
	}

	@Override
	public String name() {
		return "insight-applied-events";
	}

	@Override
	public String cron() {
		return properties.appliedEventPurgeCron();
	}

	@Override
	public Duration retention() {
		return properties.appliedEventRetention();
	}

	@Override
	public int deleteBatch(Instant before, int limit) {
		Instant cutoff = publications.oldestIncomplete().map(oldest -> oldest.minus(SPARE))
			.filter(keepFrom -> keepFrom.isBefore(before)).orElse(before);
		return jdbc.sql("""
				delete from insight_applied_event where event_key in (
				    select event_key from insight_applied_event where applied_at < :cutoff limit :limit)""")
			.param("cutoff", Timestamp.from(cutoff)).param("limit", limit).update();
	}
}
