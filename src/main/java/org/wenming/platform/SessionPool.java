package org.wenming.platform;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.jdbc.config.annotation.SpringSessionDataSource;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Session's statements go through the {@link KeyLookups} pool, which keeps PostgreSQL's plans: every
 * signed-in request reads its session by its id, and on the main pool (custom plans forced, for the scoped
 * searches) that read was planned anew each time, 0.16 of its 0.18 ms in the database (pg_stat_statements,
 * docs/BENCHMARKS.md). A session's writes keep their transactions, on that pool's own transaction manager.
 * Neither bean is a default candidate: whoever asks for a DataSource by type still gets the main pool.
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
		return new TransactionTemplate(new DataSourceTransactionManager(keyLookups));
	}
}
