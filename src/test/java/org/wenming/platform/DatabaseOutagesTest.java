package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;

import jakarta.servlet.ServletException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures are "the database is away for a moment" (503, retry) and which stay defects (500) or refusals. */
class DatabaseOutagesTest {

	@Test
	void theDatabaseBeingAwayIsAnOutageHoweverDeepItIsWrapped() {
		assertThat(DatabaseOutages.isOutage(new ServletException("Request processing failed",
				new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection")))).isTrue();
		assertThat(DatabaseOutages.isOutage(new CannotCreateTransactionException("no connection"))).isTrue();
		// admin shutdown (pg_ctl stop -m fast) and "the database system is starting up", untranslated
		assertThat(DatabaseOutages.isOutage(new IllegalStateException(new UncategorizedSQLException("select", "select 1",
				new SQLException("terminating connection due to administrator command", "57P01"))))).isTrue();
		assertThat(DatabaseOutages.isOutage(new RuntimeException(
				new PSQLException("the database system is starting up", PSQLState.CONNECTION_FAILURE)))).isTrue();
		assertThat(DatabaseOutages.isOutage(new SQLException("cannot connect now", "57P03"))).isTrue();
		assertThat(DatabaseOutages.isOutage(new SQLException("deadlock detected", "40P01"))).isTrue();
		// PostgreSQL restarted mid-transaction: the statement failed (57P01), then the rollback on the dead
		// connection (HikariCP's "Connection is closed", no SQLSTATE) hid it (seen in bench/cluster.sh)
		var rollbackFailed = new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		rollbackFailed.initApplicationException(new UncategorizedSQLException("insert", "insert into signup",
				new SQLException("terminating connection due to administrator command", "57P01")));
		assertThat(DatabaseOutages.isOutage(new ServletException("Request processing failed", rollbackFailed))).isTrue();
		// the COMMIT cut, then the rollback on the connection the pool closed: only the rollback's failure
		// is thrown (a session save in bench/cluster.sh's PostgreSQL restart)
		assertThat(DatabaseOutages.isOutage(new ServletException("Request processing failed", new org.springframework.transaction.TransactionSystemException(
				"JDBC rollback failed", new SQLException("Connection is closed"))))).isTrue();
		// a rollback that failed after a defect stays a defect
		var afterABug = new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		afterABug.initApplicationException(new IllegalStateException("a bug"));
		assertThat(DatabaseOutages.isOutage(afterABug)).isFalse();
	}

	@Test
	void defectsAndRefusedDataAreNotOutages() {
		assertThat(DatabaseOutages.isOutage(new IllegalStateException("a bug"))).isFalse();
		assertThat(DatabaseOutages.isOutage(new DuplicateKeyException("duplicate"))).isFalse();
		assertThat(DatabaseOutages.isOutage(new DataIntegrityViolationException("check constraint"))).isFalse();
		assertThat(DatabaseOutages.isOutage(new SQLException("syntax error", "42601"))).isFalse();
		assertThat(DatabaseOutages.isOutage(new SQLException("no state"))).isFalse();
	}

	@Test
	void theSettingsAreCheckedAtStart() {
		assertThat(new OutageProperties(Duration.ofSeconds(5), Duration.ofSeconds(5)).retryAfterSeconds()).isEqualTo(5);
		assertThatThrownBy(() -> new OutageProperties(Duration.ofMillis(1500), Duration.ofSeconds(5)))
			.hasMessageContaining("wenming.outage.retry-after");
		assertThatThrownBy(() -> new OutageProperties(Duration.ZERO, Duration.ofSeconds(5)))
			.hasMessageContaining("wenming.outage.retry-after");
		assertThatThrownBy(() -> new OutageProperties(Duration.ofSeconds(5), Duration.ofMillis(10)))
			.hasMessageContaining("wenming.outage.connection-timeout");
	}
}
