package org.wenming.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** {@code wenming.demo.on-first-start}: small by default, tiny or none, anything else stops the start naming it. */
class DemoPropertiesTest {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DemoProperties.class)
	static class Settings {
	}

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void smallByDefaultTinyAndNoneAccepted() {
		context.run(c -> assertThat(c.getBean(DemoProperties.class).firstStartScale()).isEqualTo(DemoScale.SMALL));
		context.withPropertyValues("wenming.demo.on-first-start=tiny")
			.run(c -> assertThat(c.getBean(DemoProperties.class).firstStartScale()).isEqualTo(DemoScale.TINY));
		context.withPropertyValues("wenming.demo.on-first-start= None ")
			.run(c -> assertThat(c.getBean(DemoProperties.class).firstStartScale()).isNull());
	}

	@Test
	void anyOtherValueStopsTheStartNamingTheSetting() {
		for (String value : new String[] { "full", "big", "" }) {
			context.withPropertyValues("wenming.demo.on-first-start=" + value).run(c -> {
				assertThat(c).hasFailed();
				assertThat(c.getStartupFailure()).rootCause().hasMessageContaining("wenming.demo")
					.hasMessageContaining("must be small, tiny or none");
			});
		}
	}
}
