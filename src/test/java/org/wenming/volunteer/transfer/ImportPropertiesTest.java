package org.wenming.volunteer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.wenming.platform.DatabaseProperties;

/** The import's settings: the README's defaults, and a wrong value stops the start naming the setting. */
class ImportPropertiesTest {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ImportProperties.class)
	static class Settings {
	}

	final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	static DatabaseProperties dataFolder(String folder) {
		return new DatabaseProperties("", "", "", Path.of(folder), 0, false, true, 24, 100);
	}

	@Test
	void theDefaultsAreTheReadmes() {
		context.run(c -> {
			ImportProperties properties = c.getBean(ImportProperties.class);
			assertThat(properties.maxFileSize()).isEqualTo(DataSize.ofMegabytes(200));
			assertThat(properties.maxInflatedSize()).isEqualTo(DataSize.ofGigabytes(2));
			assertThat(properties.bulkLoadMinRows()).isEqualTo(100_000);
			assertThat(properties.workDirectory(dataFolder("some-data")))
				.isEqualTo(Path.of("some-data", "imports").toAbsolutePath());
		});
	}

	@Test
	void aWorkDirectoryGivenIsUsed() {
		context.withPropertyValues("wenming.volunteers.import.work-directory=/srv/imports").run(c -> assertThat(
				c.getBean(ImportProperties.class).workDirectory(dataFolder("x"))).isEqualTo(Path.of("/srv/imports")));
	}

	@Test
	void aNegativeRowCountOrANoughtSizeStopsTheStart() {
		context.withPropertyValues("wenming.volunteers.import.bulk-load-min-rows=-1").run(c -> {
			assertThat(c).hasFailed();
			assertThat(c.getStartupFailure()).rootCause().hasMessageContaining("bulkLoadMinRows");
		});
		context.withPropertyValues("wenming.volunteers.import.max-file-size=0").run(c -> {
			assertThat(c).hasFailed();
			assertThat(c.getStartupFailure()).rootCause().hasMessageContaining("max-file-size");
		});
	}
}
