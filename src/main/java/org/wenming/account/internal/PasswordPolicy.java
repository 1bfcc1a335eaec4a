package org.wenming.account.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.wenming.shared.Roles;

/**
 * Password rules (口令复杂度) and rotation, as pure functions of the configured rules. The message
 * keys it returns name the broken rule; the caller attaches them to its password field.
 */
final class PasswordPolicy {

	/** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
	static final int BCRYPT_MAX_BYTES = 72;

	private final AccountSecurityProperties.Password rules;

	PasswordPolicy(AccountSecurityProperties.Password rules) {
		this.rules = rules;
	}

	/** The message key of the first rule the password breaks, if any. */
	Optional<String> violation(String username, String password) {
		if (password == null || password.isEmpty()) {
			return Optional.of("error.required");
		}
		int length = password.codePointCount(0, password.length());
		if (length < rules.minLength()) {
			return Optional.of("error.password.short");
		}
		if (length > rules.maxLength() || password.getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
			return Optional.of("error.password.long");
		}
		if (TextRules.hasControlOrGarbage(password)) {
			return Optional.of("error.password.characters");
		}
		if (password.codePoints().noneMatch(Character::isLetter) || password.codePoints().noneMatch(Character::isDigit)) {
			return Optional.of("error.password.lettersAndDigits");
		}
		if (username != null && username.length() >= 3
				&& password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
			return Optional.of("error.password.username");
		}
		return Optional.empty();
	}

	/** Staff passwords older than the maximum age must be changed before anything else. */
	boolean mustChange(Set<String> roles, Instant changedAt, Clock clock) {
		if (!rules.rotates() || changedAt == null || roles.stream().noneMatch(Roles.STAFF::contains)) {
			return false;
		}
		return changedAt.plus(rules.maxAge()).isBefore(clock.instant());
	}

	int minLength() {
		return rules.minLength();
	}

	int maxLength() {
		return rules.maxLength();
	}
}
