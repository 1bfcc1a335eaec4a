package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The key-lookup pool's size: its range, and that a bad value stops the start naming the property. */
class DatabasePropertiesTest {

	static DatabaseProperties withPool(int size) {
		return new DatabaseProperties("", "", "", Path.of("unused"), 0, false, true, size, 100);
	}

	@Test
	void theKeyLookupPoolHasOneToAHundredConnections() {
		assertThat(withPool(1).keyLookupPoolSize()).isEqualTo(1);
		assertThat(withPool(100).keyLookupPoolSize()).isEqualTo(100);
		assertThatThrownBy(() -> withPool(0)).hasMessageContaining("wenming.db.key-lookup-pool-size");
		assertThatThrownBy(() -> withPool(101)).hasMessageContaining("wenming.db.key-lookup-pool-size");
	}

	@Test
	void aBadPoolSizeStopsTheStartNamingTheProperty() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(BindOnly.class).web(WebApplicationType.NONE)
				.run("--wenming.db.key-lookup-pool-size=0").close())
				.hasStackTraceContaining("wenming.db.key-lookup-pool-size must be between 1 and 100");
	}

	@EnableConfigurationProperties(DatabaseProperties.class)
	static class BindOnly {
	}
}
