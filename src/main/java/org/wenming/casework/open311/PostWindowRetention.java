package org.wenming.casework.open311;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.platform.RetentionJob;

/** The Open311 keys' per-minute counts are worth nothing after their minute; kept an hour, purged hourly. */
@Component
class PostWindowRetention implements RetentionJob {

	private final JdbcClient jdbc;

	PostWindowRetention(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String name() {
		return "open311-post-windows";
	}

	@Override
	public String cron() {
		return "0 7 * * * *";
	}

	@Override
	public Duration retention() {
		return Duration.ofHours(1);
	}

	@Override
	public int deleteBatch(Instant before, int limit) {
		return jdbc.sql("""
				delete from open311_post_window where (key_id, window_start) in (
				    select key_id, window_start from open311_post_window where window_start < :before
				    order by window_start limit :limit)""")
			.param("before", Timestamp.from(before)).param("limit", limit).update();
	}
}
