package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.support.WenmingTest;

/**
 * A session's write that only moves its last-access time commits without waiting for the disk, in its own
 * transaction only; every other session write commits as the connection is set (durably, in production).
 */
@WenmingTest
class SessionTransactionsTest {

	@Autowired
	@KeyLookups
	HikariDataSource keyLookups;

	@Test
	void onlyATouchCommitsWithoutWaitingForTheDisk() throws Exception {
		try (Connection connection = keyLookups.getConnection()) {
			// the tests' server runs without synchronous commits: make this connection durable, as production is
			connection.createStatement().execute("set synchronous_commit = on");
			SingleConnectionDataSource one = new SingleConnectionDataSource(connection, true);
			JdbcTemplate jdbc = new JdbcTemplate(one);
			TransactionTemplate transactions = new TransactionTemplate(new SessionPool.SessionTransactions(one));

			String touch = SessionPool.touchOnly(() -> transactions.execute(tx -> show(jdbc)));
			String other = transactions.execute(tx -> show(jdbc));

			assertThat(touch).isEqualTo("off");
			assertThat(other).isEqualTo("on");
			assertThat(show(jdbc)).as("only for the touch's own transaction").isEqualTo("on");
			connection.createStatement().execute("reset synchronous_commit");
		}
	}

	private static String show(JdbcTemplate jdbc) {
		return jdbc.queryForObject("show synchronous_commit", String.class);
	}
}
