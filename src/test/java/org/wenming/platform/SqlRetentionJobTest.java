package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.support.WenmingTest;

/**
 * The modules' one-statement retention jobs as the platform runs them: the honours' spent challenges an hour past
 * expiry and the Open311 keys' minute counts an hour after their minute are deleted, newer rows stay.
 */
@WenmingTest
class SqlRetentionJobTest {

	@Autowired
	RetentionJobs jobs;

	@Autowired
	JdbcClient jdbc;

	RetentionJob job(String name) {
		return jobs.jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
	}

	static byte[] random() {
		byte[] b = new byte[32];
		new SecureRandom().nextBytes(b);
		return b;
	}

	@Test
	void spentChallengesGoAnHourPastExpiry() {
		byte[] old = random();
		byte[] recent = random();
		byte[] live = random();
		for (Object[] row : new Object[][] { { old, "2 hours" }, { recent, "30 minutes" }, { live, "-2 minutes" } }) {
			jdbc.sql("insert into honor_pow_spent (challenge_hash, expires_at) values (:h, now() - cast(:ago as interval))")
				.param("h", row[0]).param("ago", row[1]).update();
		}
		RetentionJob job = job("honor-pow-spent");
		assertThat(job.cron()).isEqualTo("0 23 * * * *");
		jobs.purge(job);
		assertThat(count("select count(*) from honor_pow_spent where challenge_hash = :h", old)).isZero();
		assertThat(count("select count(*) from honor_pow_spent where challenge_hash = :h", recent)).isOne();
		assertThat(count("select count(*) from honor_pow_spent where challenge_hash = :h", live)).isOne();
	}

	@Test
	void open311MinuteCountsGoAfterAnHour() {
		long key = jdbc.sql("""
				insert into open311_api_key (name, key_hash, key_prefix, created_by)
				values (:name, :hash, 'test', 'test') returning id""").param("name", "retention " + UUID.randomUUID())
			.param("hash", random()).query(Long.class).single();
		jdbc.sql("""
				insert into open311_post_window (key_id, window_start, posts)
				values (:k, date_trunc('minute', now()) - interval '3 hours', 5),
				       (:k, date_trunc('minute', now()) - interval '10 minutes', 2)""").param("k", key).update();
		jobs.purge(job("open311-post-windows"));
		assertThat(jdbc.sql("select posts from open311_post_window where key_id = :k").param("k", key)
			.query(Integer.class).list()).containsExactly(2);
	}

	long count(String sql, byte[] hash) {
		return jdbc.sql(sql).param("h", hash).query(Long.class).single();
	}
}
