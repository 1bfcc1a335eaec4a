package org.wenming.platform;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The one DataSource: the external PostgreSQL when {@code wenming.db.url} is set, otherwise the
 * embedded one. Both get the same pool and the same Flyway migrations.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(DatabaseProperties properties, OutageProperties outage) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("wenming");
		config.setMaximumPoolSize(20);
		// while the database is away a request waits this long, then is answered 503 (HikariCP's 30 s would
		// hold every request thread and the load balancer's connections for half a minute)
		config.setConnectionTimeout(outage.connectionTimeout().toMillis());
		// Every scope is a range bound as parameters (a village or the whole city): after five executions the
		// driver's server-side statements would switch to a generic plan that cannot tell them apart, and a
		// city-wide search then reads all 800K volunteers (EXPLAIN ANALYZE: 1,000 ms against 6 ms).
		config.setConnectionInitSql("set plan_cache_mode = force_custom_plan");
		if (properties.embedded()) {
			EmbeddedPostgres server = EmbeddedPostgresServers.acquire(properties.embeddedDirectory(),
					properties.embeddedPort(), properties.embeddedFresh(), properties.embeddedDurable(), properties.embeddedMaxConnections());
			config.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
			return new EmbeddedHikariDataSource(config, properties);
		}
		config.setJdbcUrl(properties.url());
		config.setUsername(properties.username());
		config.setPassword(properties.password());
		return new HikariDataSource(config);
	}

	/**
	 * A second, small pool on the same database whose statements keep one generic plan per connection, for
	 * {@link KeyLookups}. Not a default candidate: whoever wants a DataSource or JdbcClient by type
	 * gets the main pool.
	 */
	@Bean(destroyMethod = "close", defaultCandidate = false)
	@KeyLookups
	HikariDataSource keyLookupDataSource(HikariDataSource dataSource, DatabaseProperties properties) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("wenming-key-lookups");
		config.setConnectionTimeout(dataSource.getConnectionTimeout());
		// 24 by default: with 10 the check-in's request threads queued for a connection and HikariCP's
		// hand-off spun; 24 gave 1,759-2,095 check-ins/s against 1,531-1,650 (docs/BENCHMARKS.md, session 6)
		config.setMaximumPoolSize(properties.keyLookupPoolSize());
		config.setMinimumIdle(2);
		// PostgreSQL's default (five custom plans, then the generic one if it looks no dearer) kept planning the
		// sign-up's conflicts statement on every call: over the signup table's yearly partitions the generic plan
		// looks dearer before run-time pruning, and planning took 0.91 of its 1.03 ms (pg_stat_statements,
		// docs/BENCHMARKS.md). Statements here find rows by key, where the generic plan is the right one.
		config.setConnectionInitSql("set plan_cache_mode = force_generic_plan");
		config.setJdbcUrl(dataSource.getJdbcUrl());
		config.setUsername(dataSource.getUsername());
		config.setPassword(dataSource.getPassword());
		return new HikariDataSource(config);
	}

	@Bean(defaultCandidate = false)
	@KeyLookups
	JdbcClient keyLookupJdbcClient(@KeyLookups HikariDataSource keyLookupDataSource) {
		return JdbcClient.create(keyLookupDataSource);
	}

	/** Lets go of the embedded server when the pool closes. */
	static final class EmbeddedHikariDataSource extends HikariDataSource {

		private final DatabaseProperties properties;

		EmbeddedHikariDataSource(HikariConfig config, DatabaseProperties properties) {
			super(config);
			this.properties = properties;
		}

		@Override
		public void close() {
			super.close();
			EmbeddedPostgresServers.release(properties.embeddedDirectory());
		}
	}

	static boolean isEmbedded(DataSource dataSource) {
		return dataSource instanceof EmbeddedHikariDataSource;
	}
}
