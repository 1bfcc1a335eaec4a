package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/** A wrong replica setting stops the start naming it; none set means no replica. */
class ReplicaPropertiesTest {

	@ParameterizedTest
	@CsvSource(delimiter = ';', value = {
			"wenming.db.replica.url=mysql://db/wenming; wenming.db.replica.url",
			"wenming.db.replica.pool-size=0; wenming.db.replica.pool-size",
			"wenming.db.replica.pool-size=101; wenming.db.replica.pool-size",
			"wenming.db.replica.max-lag=500ms; wenming.db.replica.max-lag",
			"wenming.db.replica.max-lag=2h; wenming.db.replica.max-lag",
			"wenming.db.replica.check-interval=10ms; wenming.db.replica.check-interval",
			"wenming.db.replica.check-interval=1h; wenming.db.replica.check-interval" })
	void aWrongValueStopsTheStartNamingTheProperty(String setting, String property) {
		assertThatThrownBy(() -> start("--" + setting).close()).hasStackTraceContaining(property);
	}

	@Test
	void theDefaultsMeanNoReplica() {
		try (ConfigurableApplicationContext context = start()) {
			ReplicaProperties properties = context.getBean(ReplicaProperties.class);
			assertThat(properties.configured()).isFalse();
			assertThat(properties.poolSize()).isEqualTo(10);
			assertThat(properties.maxLag()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.checkInterval()).isEqualTo(Duration.ofSeconds(5));
		}
		try (ConfigurableApplicationContext context = start("--wenming.db.replica.url=jdbc:postgresql://replica/wenming")) {
			assertThat(context.getBean(ReplicaProperties.class).configured()).isTrue();
		}
	}

	@Test
	void aStatusSaysItsLagInWholeSecondsRoundedUp() {
		assertThat(new ReplicaStatus(ReplicaStatus.State.CURRENT, Duration.ofMillis(200), null).lagSeconds()).isEqualTo(1);
		assertThat(new ReplicaStatus(ReplicaStatus.State.CURRENT, Duration.ZERO, null).lagSeconds()).isZero();
		assertThat(new ReplicaStatus(ReplicaStatus.State.LAGGING, Duration.ofMillis(31_000), null).lagSeconds()).isEqualTo(31);
		assertThat(new ReplicaStatus(ReplicaStatus.State.UNREACHABLE, null, null).lagSeconds()).isEqualTo(-1);
		assertThat(ReplicaStatus.NONE.readsFromReplica()).isFalse();
	}

	private static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(BindOnly.class).web(WebApplicationType.NONE).run(args);
	}

	@EnableConfigurationProperties(ReplicaProperties.class)
	static class BindOnly {
	}
}
