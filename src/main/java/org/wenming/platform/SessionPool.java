package org.wenming.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.jdbc.config.annotation.SpringSessionDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Session's statements go through the {@link KeyLookups} pool, which keeps PostgreSQL's plans: every
 * signed-in request reads its session by its id, and on the main pool (custom plans forced, for the scoped
 * searches) that read was planned anew each time, 0.16 of its 0.18 ms in the database (pg_stat_statements,
 * docs/BENCHMARKS.md). A session's writes keep their transactions, on that pool's own transaction manager.
 * Neither bean is a default candidate: whoever asks for a DataSource by type still gets the main pool.
 * <p>
 * A write that only moves a session's last-access time ({@link SessionReads}) commits without waiting for
 * the disk ({@code synchronous_commit = off} for that transaction): under the 8 o'clock rush every request
 * thread waited on such commits, 78 ms each on average (JFR, docs/BENCHMARKS.md), for a time that, lost in a
 * crash, only ends the session up to a minute early or late. A new session, a sign-in, a sign-out and any
 * change of what a session holds still commit durably.
 */
@Configuration(proxyBeanMethods = false)
class SessionPool {

	@Bean(defaultCandidate = false, destroyMethod = "")
	@SpringSessionDataSource
	DataSource springSessionDataSource(@KeyLookups HikariDataSource keyLookups) {
		return keyLookups;
	}

	/** Found by Spring Session under this name. */
	@Bean(defaultCandidate = false)
	TransactionOperations springSessionTransactionOperations(@KeyLookups HikariDataSource keyLookups) {
		return new TransactionTemplate(new SessionTransactions(keyLookups));
	}

	/** Set while a session's write that only moves its last-access time runs on this thread. */
	private static final ThreadLocal<Boolean> TOUCH_ONLY = new ThreadLocal<>();

	/** Runs a session's write that moves nothing but its last-access time. */
	static <T> T touchOnly(Supplier<T> write) {
		TOUCH_ONLY.set(Boolean.TRUE);
		try {
			return write.get();
		}
		finally {
			TOUCH_ONLY.remove();
		}
	}

	static final class SessionTransactions extends DataSourceTransactionManager {

		SessionTransactions(DataSource dataSource) {
			super(dataSource);
		}

		@Override
		protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
				throws SQLException {
			super.prepareTransactionalConnection(connection, definition);
			if (TOUCH_ONLY.get() != null) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("set local synchronous_commit = off");
				}
			}
		}
	}
}
