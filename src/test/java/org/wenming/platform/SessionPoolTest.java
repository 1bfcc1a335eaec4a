package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.support.WenmingTest;

/**
 * Spring Session reads and writes through the plan-keeping pool, its writes in transactions of that pool;
 * everyone else who asks for a DataSource by type still gets the main pool.
 */
@WenmingTest
class SessionPoolTest {

	@Autowired
	JdbcIndexedSessionRepository sessions;

	@Autowired
	@KeyLookups
	HikariDataSource keyLookups;

	@Autowired
	DataSource main;

	@Test
	void sessionsUseTheKeyLookupPoolAndOthersTheMainOne() {
		JdbcTemplate statements = (JdbcTemplate) ReflectionTestUtils.getField(sessions, "jdbcOperations");
		TransactionTemplate transactions = (TransactionTemplate) ReflectionTestUtils.getField(sessions,
				"transactionOperations");
		assertThat(statements.getDataSource()).isSameAs(keyLookups);
		assertThat(((DataSourceTransactionManager) transactions.getTransactionManager()).getDataSource())
			.isSameAs(keyLookups);
		assertThat(main).isNotSameAs(keyLookups);
		assertThat(((HikariDataSource) main).getPoolName()).isEqualTo("wenming");
	}
}
