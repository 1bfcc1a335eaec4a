package org.wenming.account.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.account.AccountRefusedException;
import org.wenming.account.AccountRegistration;
import org.wenming.shared.Roles;

/** Logins people create for themselves: only the volunteer or citizen role, audited. */
@Service
class SelfRegistration implements AccountRegistration {

	private static final List<String> SELF_SERVICE_ROLES = List.of(Roles.VOLUNTEER, Roles.CITIZEN);

	private final Accounts accounts;

	private final PasswordEncoder encoder;

	private final PasswordPolicy passwords;

	private final SecurityEvents events;

	private final Clock clock;

	SelfRegistration(Accounts accounts, PasswordEncoder encoder, AccountSecurityProperties properties,
			SecurityEvents events, Clock clock) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.passwords = new PasswordPolicy(properties.password());
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public long register(String username, String password, String displayName, String regionCode, String role) {
		if (!SELF_SERVICE_ROLES.contains(role)) {
			throw new IllegalArgumentException("self-registration cannot grant " + role);
		}
		String name = username == null ? "" : username.strip();
		Map<String, String> errors = loginProblems(username, password);
		if (!errors.isEmpty()) {
			throw new AccountRefusedException(errors);
		}
		long id;
		try {
			id = accounts.create(name, displayName, encoder.encode(password), regionCode, clock.instant());
		}
		catch (DuplicateKeyException sameNameMeanwhile) {
			throw new AccountRefusedException(Map.of("username", "error.username.taken"));
		}
		accounts.replaceRoles(id, List.of(role));
		events.record(SecurityEvent.of(SecurityEventType.USER_CREATED, "OK").by(id, name, null).on(id, name)
				.detail("self-registration roles=[" + role + "]"));
		return id;
	}

	@Override
	public Map<String, String> loginProblems(String username, String password) {
		Map<String, String> errors = new LinkedHashMap<>();
		String name = username == null ? "" : username.strip();
		if (name.isEmpty()) {
			errors.put("username", "error.required");
		}
		else if (name.length() > 64 || !AccountAdministration.USERNAME.matcher(name).matches()) {
			errors.put("username", "error.username");
		}
		else if (accounts.usernameTaken(name)) {
			errors.put("username", "error.username.taken");
		}
		passwords.violation(name, password).ifPresent(key -> errors.put("password", key));
		return errors;
	}
}
