package org.wenming.account.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * Administering users within one's data scope: list, read, create, edit, reset a password. Every
 * user touched must lie in the actor's subtree; a user may be bound only to a region inside it; only
 * a system administrator grants or takes away the system-administrator role. Refusals that cross a
 * boundary are audited; accepted changes are audited with what changed (never a password).
 */
@Service
class AccountAdministration {

	static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{3,64}");

	private final Accounts accounts;

	private final Regions regions;

	private final PasswordEncoder encoder;

	private final SecurityEvents events;

	private final PasswordPolicy passwords;

	private final TransactionTemplate transactions;

	private final Clock clock;

	AccountAdministration(Accounts accounts, Regions regions, PasswordEncoder encoder, SecurityEvents events,
			AccountSecurityProperties properties, TransactionTemplate transactions, Clock clock) {
		this.accounts = accounts;
		this.regions = regions;
		this.encoder = encoder;
		this.events = events;
		this.passwords = new PasswordPolicy(properties.password());
		this.transactions = transactions;
		this.clock = clock;
	}

	UserPage list(ScopedUser actor, UserFilter filter) {
		return new UserPage(accounts.find(actor.scope(), filter), accounts.count(actor.scope(), filter), filter.page(),
				UserFilter.PAGE_SIZE);
	}

	/** The user if it lies in the actor's scope; otherwise {@link OutOfScopeException} (404, audited). */
	Account get(ScopedUser actor, long id) {
		Account account = accounts.byId(id).orElseThrow(() -> new UserNotFound(id));
		if (!actor.scope().covers(account.regionPath())) {
			throw new OutOfScopeException("user", String.valueOf(id));
		}
		return account;
	}

	Account create(ScopedUser actor, UserInput input, String ip) {
		Map<String, String> errors = new LinkedHashMap<>();
		String username = input.username() == null ? "" : input.username().trim();
		if (username.isEmpty()) {
			errors.put("username", "error.required");
		}
		else if (username.length() > 64 || !USERNAME.matcher(username).matches()) {
			errors.put("username", "error.username");
		}
		else if (accounts.usernameTaken(username)) {
			errors.put("username", "error.username.taken");
		}
		String displayName = displayName(input.displayName(), errors);
		passwords.violation(username, input.password()).ifPresent(key -> errors.put("password", key));
		List<String> roles = roles(actor, List.of(), input.roles(), errors, ip);
		Region region = region(actor, input.regionCode(), errors, ip);
		if (!errors.isEmpty()) {
			throw new InvalidFields(errors);
		}
		boolean enabled = input.enabled() == null || input.enabled();
		String hash = encoder.encode(input.password());
		long id;
		try {
			id = transactions.execute(tx -> insert(actor, username, displayName, hash, roles, region, enabled, ip));
		}
		catch (DuplicateKeyException sameNameMeanwhile) {
			// another administrator created the same username between the check above and this insert
			throw new InvalidFields(Map.of("username", "error.username.taken"));
		}
		return accounts.byId(id).orElseThrow();
	}

	private long insert(ScopedUser actor, String username, String displayName, String hash, List<String> roles,
			Region region, boolean enabled, String ip) {
		long created = accounts.create(username, displayName, hash, region.code(), clock.instant());
		accounts.replaceRoles(created, roles);
		if (!enabled) {
			accounts.update(created, displayName, region.code(), false);
		}
		events.record(SecurityEvent.of(SecurityEventType.USER_CREATED, "OK").by(actor).on(created, username).from(ip)
				.detail("roles=" + roles + " region=" + region.code() + " enabled=" + enabled));
		return created;
	}

	Account update(ScopedUser actor, long id, UserInput input, String ip) {
		Account before = get(actor, id);
		Map<String, String> errors = new LinkedHashMap<>();
		String displayName = displayName(input.displayName(), errors);
		List<String> roles = roles(actor, before.roles(), input.roles(), errors, ip);
		Region region = region(actor, input.regionCode(), errors, ip);
		if (input.enabled() == null) {
			errors.put("enabled", "error.required");
		}
		boolean resetPassword = input.password() != null && !input.password().isEmpty();
		if (resetPassword) {
			passwords.violation(before.username(), input.password()).ifPresent(key -> errors.put("password", key));
		}
		if (!errors.isEmpty()) {
			throw new InvalidFields(errors);
		}
		String hash = resetPassword ? encoder.encode(input.password()) : null;
		transactions.executeWithoutResult(tx -> {
			accounts.update(id, displayName, region.code(), input.enabled());
			List<String> changed = new ArrayList<>();
			if (!before.displayName().equals(displayName)) {
				changed.add("displayName");
			}
			if (!before.regionCode().equals(region.code())) {
				changed.add("region " + before.regionCode() + "->" + region.code());
			}
			if (before.enabled() != input.enabled()) {
				changed.add("enabled " + before.enabled() + "->" + input.enabled());
			}
			if (!changed.isEmpty()) {
				events.record(SecurityEvent.of(SecurityEventType.USER_UPDATED, "OK").by(actor)
						.on(id, before.username()).from(ip).detail(String.join("; ", changed)));
			}
			if (!new TreeSet<>(before.roles()).equals(new TreeSet<>(roles))) {
				accounts.replaceRoles(id, roles);
				events.record(SecurityEvent.of(SecurityEventType.ROLE_CHANGED, "OK").by(actor)
						.on(id, before.username()).from(ip)
						.detail("before=" + new TreeSet<>(before.roles()) + " after=" + new TreeSet<>(roles)));
			}
			if (hash != null) {
				accounts.changePassword(id, hash, clock.instant());
				events.record(SecurityEvent.of(SecurityEventType.PASSWORD_CHANGED, "RESET").by(actor)
						.on(id, before.username()).from(ip));
			}
		});
		return accounts.byId(id).orElseThrow();
	}

	/** Changing one's own password: the current one must be right, the new one must follow the rules. */
	void changeOwnPassword(ScopedUser me, String current, String replacement, String repeat, String ip) {
		Map<String, String> errors = new LinkedHashMap<>();
		Optional<String> hash = accounts.passwordHash(me.userId());
		if (current == null || current.isEmpty()) {
			errors.put("current", "error.required");
		}
		else if (current.length() > 128 || hash.isEmpty() || !encoder.matches(current, hash.get())) {
			errors.put("current", "error.password.current");
		}
		passwords.violation(me.username(), replacement).ifPresent(key -> errors.put("password", key));
		if (!errors.containsKey("password") && !replacement.equals(repeat)) {
			errors.put("repeat", "error.password.repeat");
		}
		if (!errors.containsKey("password") && !errors.containsKey("current") && replacement.equals(current)) {
			errors.put("password", "error.password.same");
		}
		if (!errors.isEmpty()) {
			events.record(SecurityEvent.of(SecurityEventType.PASSWORD_CHANGED, "REFUSED").by(me).on(me.userId(),
					me.username()).from(ip).detail("fields " + errors.keySet()));
			throw new InvalidFields(errors);
		}
		String newHash = encoder.encode(replacement);
		transactions.executeWithoutResult(tx -> {
			accounts.changePassword(me.userId(), newHash, clock.instant());
			events.record(SecurityEvent.of(SecurityEventType.PASSWORD_CHANGED, "OK").by(me)
					.on(me.userId(), me.username()).from(ip));
		});
	}

	private static String displayName(String value, Map<String, String> errors) {
		String name = value == null ? "" : value.strip();
		if (name.isEmpty()) {
			errors.put("displayName", "error.required");
		}
		else if (name.codePointCount(0, name.length()) > 100) {
			errors.put("displayName", "error.tooLong100");
		}
		else if (!TextRules.isPlain(name)) {
			errors.put("displayName", "error.plainText");
		}
		return name;
	}

	/**
	 * The requested roles if each is known and the actor may grant it. Granting or taking away the
	 * system-administrator role is for system administrators alone (and audited when refused).
	 */
	private List<String> roles(ScopedUser actor, List<String> current, List<String> requested,
			Map<String, String> errors, String ip) {
		if (requested == null || requested.isEmpty()) {
			errors.put("roles", "error.required");
			return List.of();
		}
		TreeSet<String> roles = new TreeSet<>();
		for (String role : requested) {
			if (role == null || !Roles.ALL.contains(role)) {
				errors.put("roles", "error.role");
				return List.of();
			}
			roles.add(role);
		}
		boolean touchesSystemAdmin = roles.contains(Roles.SYSTEM_ADMIN) != current.contains(Roles.SYSTEM_ADMIN);
		if (touchesSystemAdmin && !actor.hasRole(Roles.SYSTEM_ADMIN)) {
			errors.put("roles", "error.role.systemAdmin");
			events.record(SecurityEvent.of(SecurityEventType.PERMISSION_DENIED, "DENIED").by(actor).from(ip)
					.detail("grant or revoke " + Roles.SYSTEM_ADMIN));
		}
		return List.copyOf(roles);
	}

	/** The region if it exists and lies in the actor's scope; one message for both, so nothing leaks. */
	private Region region(ScopedUser actor, String code, Map<String, String> errors, String ip) {
		String value = code == null ? "" : code.trim();
		if (value.isEmpty()) {
			errors.put("regionCode", "error.required");
			return null;
		}
		Optional<Region> region = regions.find(value);
		if (region.isPresent() && actor.scope().covers(region.get().path())) {
			return region.get();
		}
		errors.put("regionCode", "error.region");
		if (region.isPresent()) {
			events.record(SecurityEvent.of(SecurityEventType.OUT_OF_SCOPE, "DENIED").by(actor).from(ip)
					.detail("bind a user to region " + value));
		}
		return null;
	}
}
