package org.wenming.honor.notice;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.platform.RetentionJob;

/**
 * Spent proof-of-work challenges ({@code honor_pow_spent}) are needed only until they expire: an expired one is
 * refused by its own expiry. Purged hourly by the platform's retention jobs (one node per run).
 */
@Component
class SpentChallenges implements RetentionJob {

	private final JdbcClient jdbc;

	SpentChallenges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String name() {
		return "honor-pow-spent";
	}

	@Override
	public String cron() {
		return "0 23 * * * *";
	}

	/** An hour past expiry: clocks of the nodes may differ a little. */
	@Override
	public Duration retention() {
		return Duration.ofHours(1);
	}

	@Override
	public int deleteBatch(Instant before, int limit) {
		return jdbc.sql("""
				delete from honor_pow_spent where challenge_hash in (
				    select challenge_hash from honor_pow_spent where expires_at < :before limit :limit)""")
				.param("before", OffsetDateTime.ofInstant(before, ZoneOffset.UTC)).param("limit", limit).update();
	}
}
