package org.wenming.account.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.wenming.shared.DataScope;
import org.wenming.shared.ScopedUser;

/** The signed-in person as Spring Security and the other modules see them. */
record AccountPrincipal(long userId, String username, String displayName, String passwordHash, boolean enabled,
		DataScope scope, Set<String> roles, Instant passwordChangedAt) implements UserDetails, ScopedUser {

	/** Sessions live in the database (Spring Session JDBC): an old node's sessions still read after a change. */
	private static final long serialVersionUID = 1L;

	/** The principal a session keeps: the hash is needed only to check the password, never afterwards. */
	AccountPrincipal withoutPassword() {
		return new AccountPrincipal(userId, username, displayName, null, enabled, scope, roles, passwordChangedAt);
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return username;
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	/** Never print the hash. */
	@Override
	public String toString() {
		return "AccountPrincipal[" + userId + ", " + username + "]";
	}
}
