package org.wenming.account.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Defaults as documented; values below the security floor stop the start with a clear message. */
class AccountSecurityPropertiesTest {

	private static AccountSecurityProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values))
				.bindOrCreate("wenming.security", AccountSecurityProperties.class);
	}

	@Test
	void defaults() {
		AccountSecurityProperties p = bind(Map.of());
		assertThat(p.lockout().maxFailures()).isEqualTo(5);
		assertThat(p.lockout().window()).isEqualTo(Duration.ofMinutes(15));
		assertThat(p.password().minLength()).isEqualTo(10);
		assertThat(p.password().maxLength()).isEqualTo(128);
		assertThat(p.password().maxAge()).isEqualTo(Duration.ofDays(180));
		assertThat(p.audit().retention()).isEqualTo(Duration.ofDays(365));
		assertThat(p.staffIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void weakSettingsAreRefusedNamingTheProperty() {
		assertThatThrownBy(() -> bind(Map.of("wenming.security.lockout.max-failures", "0")))
				.isInstanceOf(BindException.class).rootCause()
				.hasMessageContaining("wenming.security.lockout.max-failures must be at least 1");
		assertThatThrownBy(() -> bind(Map.of("wenming.security.lockout.window", "0s"))).rootCause()
				.hasMessageContaining("wenming.security.lockout.window");
		assertThatThrownBy(() -> bind(Map.of("wenming.security.audit.retention", "90d"))).rootCause()
				.hasMessageContaining("at least 180d");
		assertThatThrownBy(() -> bind(Map.of("wenming.security.password.min-length", "4"))).rootCause()
				.hasMessageContaining("wenming.security.password.min-length");
	}

	@Test
	void passwordRules() {
		PasswordPolicy policy = new PasswordPolicy(bind(Map.of()).password());
		assertThat(policy.violation("zhang", "Abcdefgh12")).isEmpty();
		assertThat(policy.violation("zhang", "Abc12")).contains("error.password.short");
		assertThat(policy.violation("zhang", "abcdefghijkl")).contains("error.password.lettersAndDigits");
		assertThat(policy.violation("zhang", "12345678901")).contains("error.password.lettersAndDigits");
		assertThat(policy.violation("zhang", "xxZHANG12345")).contains("error.password.username");
		assertThat(policy.violation("zhang", "密码".repeat(12) + "a1")).contains("error.password.long");
		assertThat(policy.violation("zhang", "")).contains("error.required");
	}
}
