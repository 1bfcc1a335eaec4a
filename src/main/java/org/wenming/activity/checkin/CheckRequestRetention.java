package org.wenming.activity.checkin;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.platform.RetentionJob;

/**
 * A phone's idempotency keys and the answers they got ({@code check_request}) serve its retries and
 * its queued scans, which arrive within the offline window; kept for the retention (at least the
 * window and a day, checked by {@link CheckinProperties}), then deleted. What happened stays in the
 * attendance rows. A retry later still records nothing twice (one attendance per volunteer and shift);
 * it is only answered with a refusal instead of its first answer.
 */
@Component
class CheckRequestRetention implements RetentionJob {

	private final JdbcClient jdbc;

	private final CheckinProperties properties;

	CheckRequestRetention(JdbcClient jdbc, CheckinProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@Override
	public String name() {
		return "check-in-requests";
	}

	@Override
	public String cron() {
		return properties.requestPurgeCron();
	}

	@Override
	public Duration retention() {
		return properties.requestRetention();
	}

	@Override
	public int deleteBatch(Instant before, int limit) {
		return jdbc.sql("""
				delete from check_request where (volunteer_id, idempotency_key) in (
				    select volunteer_id, idempotency_key from check_request where received_at < :before limit :limit)""")
			.param("before", Timestamp.from(before)).param("limit", limit).update();
	}
}
