package org.wenming.account.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.wenming.platform.CronSchedule;

import jakarta.validation.Valid;

/**
 * Login, password and audit rules ({@code wenming.security.*}). Checked when the application
 * starts: a rule that would weaken security below the floor the law and the brief set (e.g. audit
 * kept less than 180 days) stops the start with a message naming the property.
 *
 * @param lockout how many failed logins lock a username and for how long
 * @param password password rules and rotation
 * @param audit how long security events are kept and when old ones are purged
 * @param staffIdleTimeout a staff member's session ends after this long without a request
 */
@Validated
@ConfigurationProperties("wenming.security")
record AccountSecurityProperties(
		@DefaultValue Lockout lockout,
		@DefaultValue Password password,
		@Valid @DefaultValue Audit audit,
		@DefaultValue("30m") Duration staffIdleTimeout) {

	AccountSecurityProperties {
		require(!staffIdleTimeout.isNegative() && !staffIdleTimeout.isZero() && staffIdleTimeout.compareTo(Duration.ofHours(8)) <= 0,
				"wenming.security.staff-idle-timeout must be between 1s and 8h, was " + staffIdleTimeout);
	}

	/**
	 * @param maxFailures failed logins within {@code window} that lock the username (default 5)
	 * @param window how far back failures count, and so how long a lock lasts (default 15m)
	 */
	record Lockout(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration window) {

		Lockout {
			require(maxFailures >= 1, "wenming.security.lockout.max-failures must be at least 1, was " + maxFailures);
			require(!window.isNegative() && !window.isZero(), "wenming.security.lockout.window must be longer than 0, was " + window);
		}
	}

	/**
	 * @param minLength fewest characters (default 10)
	 * @param maxLength most characters (default 128; bcrypt also caps a password at 72 UTF-8 bytes)
	 * @param maxAge staff passwords older than this must be changed after login; 0 switches rotation off
	 *     (default 180d)
	 */
	record Password(@DefaultValue("10") int minLength, @DefaultValue("128") int maxLength,
			@DefaultValue("180d") Duration maxAge) {

		Password {
			require(minLength >= 8, "wenming.security.password.min-length must be at least 8, was " + minLength);
			require(maxLength >= minLength && maxLength <= 128,
					"wenming.security.password.max-length must be between min-length and 128, was " + maxLength);
			require(!maxAge.isNegative(), "wenming.security.password.max-age must not be negative, was " + maxAge);
		}

		boolean rotates() {
			return !maxAge.isZero();
		}
	}

	/**
	 * @param retention security events older than this are purged (default 365d, at least 180d)
	 * @param purgeCron when the purge runs (default 03:17 every day)
	 */
	record Audit(@DefaultValue("365d") Duration retention, @CronSchedule @DefaultValue("0 17 3 * * *") String purgeCron) {

		Audit {
			require(retention.compareTo(Duration.ofDays(180)) >= 0,
					"wenming.security.audit.retention must be at least 180d (security events are kept 6 months), was "
							+ retention);
		}
	}

	private static void require(boolean rule, String message) {
		if (!rule) {
			throw new IllegalArgumentException(message);
		}
	}
}
