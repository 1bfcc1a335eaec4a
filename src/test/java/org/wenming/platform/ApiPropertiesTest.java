package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/** The body cap's default is the documented 1 MB; a cap outside 1 KB–100 MB stops the start naming it. */
class ApiPropertiesTest {

	private static ApiProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("wenming.api", ApiProperties.class);
	}

	@Test
	void theDefaultCapIsOneMegabyte() {
		assertThat(bind(Map.of()).maxJsonBodySize()).isEqualTo(DataSize.ofMegabytes(1));
		assertThat(bind(Map.of("wenming.api.max-json-body-size", "64KB")).maxJsonBodySize())
			.isEqualTo(DataSize.ofKilobytes(64));
	}

	@Test
	void aCapOutsideTheRangeIsRefusedNamingTheSetting() {
		for (String value : new String[] { "0", "1000B", "101MB" }) {
			assertThatThrownBy(() -> bind(Map.of("wenming.api.max-json-body-size", value)))
				.isInstanceOf(BindException.class).rootCause()
				.hasMessageContaining("wenming.api.max-json-body-size must be between 1KB and 100MB");
		}
	}
}
