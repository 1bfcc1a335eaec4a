package org.wenming.account.internal;

import java.util.List;
import java.util.Map;

/**
 * The new-user and edit-user form as the template shows it, with the message key of each field's
 * error (if any).
 *
 * @param id 0 for a new user
 */
public record UserForm(long id, String username, String displayName, List<String> roles, String regionCode,
		boolean enabled, Map<String, String> errors) {

	public boolean isNew() {
		return id == 0;
	}

	public boolean has(String role) {
		return roles != null && roles.contains(role);
	}

	public String error(String field) {
		return errors.get(field);
	}

	static UserForm of(Account account) {
		return new UserForm(account.id(), account.username(), account.displayName(), account.roles(),
				account.regionCode(), account.enabled(), Map.of());
	}
}
