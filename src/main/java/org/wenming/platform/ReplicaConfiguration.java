package org.wenming.platform;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The read replica's beans: {@link ReadReplica}, the {@link ReplicaReads} {@code JdbcClient}, its health
 * and the {@code wenming.db.replica.lag} gauge.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplicaProperties.class)
class ReplicaConfiguration {

	/** The statuses the health endpoint shows for a replica that cannot be used. */
	static final String LAGGING = "LAGGING";

	static final String UNREACHABLE = "UNREACHABLE";

	@Bean(destroyMethod = "close")
	ReadReplica readReplica(ReplicaProperties properties, HikariDataSource dataSource, Clock clock,
			ObjectProvider<MeterRegistry> meters) {
		ReadReplica replica = ReadReplica.of(properties, dataSource, clock);
		meters.ifAvailable(registry -> Gauge.builder("wenming.db.replica.lag", replica, ReplicaConfiguration::lagSeconds)
			.description("replay lag of the read replica at the last check; NaN without a replica or when it is unreachable")
			.baseUnit("seconds")
			.register(registry));
		return replica;
	}

	private static double lagSeconds(ReadReplica replica) {
		ReplicaStatus status = replica.status();
		return status.lag() == null ? Double.NaN : status.lag().toMillis() / 1000.0;
	}

	/** Without a replica this is the primary's JdbcClient itself, so nothing changes for one machine. */
	@Bean(defaultCandidate = false)
	@ReplicaReads
	JdbcClient replicaJdbcClient(ReadReplica replica, JdbcClient jdbc) {
		return replica.configured() ? replica.jdbcClient() : jdbc;
	}

	/**
	 * The replica under {@code /actuator/health}. A replica that is behind or unreachable is shown with a
	 * status of its own ({@code LAGGING}, {@code UNREACHABLE}) that the overall status and readiness do
	 * not count: the node still serves every read from the primary, so it must stay in the load balancer.
	 */
	@Bean
	HealthIndicator replicaHealthIndicator(ReadReplica replica) {
		return () -> {
			ReplicaStatus status = replica.status();
			Health.Builder health = switch (status.state()) {
				case NONE -> Health.up().withDetail("replica", "none");
				case CURRENT -> Health.up();
				case LAGGING -> Health.status(LAGGING);
				case UNREACHABLE -> Health.status(UNREACHABLE);
			};
			if (status.lag() != null) {
				health.withDetail("lagSeconds", status.lag().toMillis() / 1000.0);
			}
			if (replica.configured()) {
				health.withDetail("maxLagSeconds", replica.maxLag().toSeconds())
					.withDetail("readsFrom", status.readsFromReplica() ? "replica" : "primary");
			}
			return health.build();
		};
	}
}
