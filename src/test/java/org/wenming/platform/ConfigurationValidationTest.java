package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenming.insight.InsightProperties;
import org.wenming.region.RegionProperties;

/**
 * A wrong setting stops the start with a message naming the property, for representative rules of
 * the validated records: a range, a pattern, a duration's minimum, a cron expression.
 */
class ConfigurationValidationTest {

	@ParameterizedTest
	@CsvSource(delimiter = ';', value = {
			"wenming.insight.dashboard-refresh-seconds=3601; wenming.insight.dashboard-refresh-seconds",
			"wenming.insight.applied-event-retention=12h; wenming.insight.applied-event-retention",
			"wenming.insight.applied-event-purge-cron=every night; wenming.insight.applied-event-purge-cron",
			"wenming.regions.city=44; wenming.regions.city",
			"wenming.events.retention=1h; wenming.events.retention",
			"wenming.events.purge-cron=0 37 3 * *; wenming.events.purge-cron",
			"wenming.public-url=ftp://example.cn; wenming.public-url" })
	void aWrongValueStopsTheStartNamingTheProperty(String setting, String property) {
		assertThatThrownBy(() -> start("--" + setting).close()).hasStackTraceContaining(property);
	}

	@Test
	void theDefaultsAndNeverAreAccepted() {
		try (ConfigurableApplicationContext context = start("--wenming.events.purge-cron=-")) {
			assertThat(context.getBean(InsightProperties.class).dashboardRefreshSeconds()).isEqualTo(10);
			assertThat(context.getBean(EventRetentionProperties.class).purgeCron()).isEqualTo("-");
			assertThat(context.getBean(RegionProperties.class).city()).isEqualTo("4412");
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(BindOnly.class).web(WebApplicationType.NONE).run(args);
	}

	@EnableConfigurationProperties({ InsightProperties.class, RegionProperties.class, EventRetentionProperties.class,
			PlatformProperties.class })
	static class BindOnly {
	}
}
