package org.wenming.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.platform.RetentionJobs;
import org.wenming.support.WenmingTest;

@WenmingTest
class AuditRetentionTest {

	@Autowired
	AuditRetention retention;

	@Autowired
	RetentionJobs jobs;

	@Autowired
	JdbcClient jdbc;

	@Test
	void eventsOlderThanTheRetentionArePurgedAndYoungerOnesKept() {
		String name = "retention-" + System.nanoTime();
		for (int days : new int[] { 400, 200, 1 }) {
			jdbc.sql("""
					insert into security_event (occurred_at, type, actor_username, outcome, detail)
					values (now() - make_interval(days => :days), 'LOGIN_FAILURE', :name, 'BAD_CREDENTIALS', :detail)""")
					.param("days", days).param("name", name).param("detail", days + "d").update();
		}
		assertThat(jobs.purge(retention)).isGreaterThanOrEqualTo(1);
		assertThat(jdbc.sql("select detail from security_event where actor_username = :name order by id")
				.param("name", name).query(String.class).list()).containsExactly("200d", "1d");
	}
}
