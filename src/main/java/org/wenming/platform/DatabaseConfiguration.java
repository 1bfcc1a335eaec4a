package org.wenming.platform;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
	HikariDataSource dataSource(DatabaseProperties properties) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("wenming");
		config.setMaximumPoolSize(20);
		// Every scope is a range bound as parameters (a village or the whole city): after five executions the
		// driver's server-side statements would switch to a generic plan that cannot tell them apart, and a
		// city-wide search then reads all 800K volunteers (EXPLAIN ANALYZE: 1,000 ms against 6 ms).
		config.setConnectionInitSql("set plan_cache_mode = force_custom_plan");
		if (properties.embedded()) {
			EmbeddedPostgres server = EmbeddedPostgresServers.acquire(properties.embeddedDirectory(),
					properties.embeddedPort(), properties.embeddedFresh(), properties.embeddedDurable());
			config.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
			return new EmbeddedHikariDataSource(config, properties);
		}
		config.setJdbcUrl(properties.url());
		config.setUsername(properties.username());
		config.setPassword(properties.password());
		return new HikariDataSource(config);
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
