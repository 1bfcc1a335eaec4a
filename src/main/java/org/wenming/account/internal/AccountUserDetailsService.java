package org.wenming.account.internal;

import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.wenming.shared.DataScope;
import org.wenming.shared.Roles;

/** Loads an account with its roles and the path of its region, which becomes its data scope. */
@Component
class AccountUserDetailsService implements UserDetailsService {

	private final JdbcClient jdbc;

	AccountUserDetailsService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public AccountPrincipal loadUserByUsername(String username) {
		if (username == null || username.length() > 64) {
			throw new UsernameNotFoundException("no such user");
		}
		return jdbc.sql("""
				select u.id, u.username, u.display_name, u.password_hash, u.enabled, u.region_code, r.path,
				       u.password_changed_at
				from app_user u join published_region r on r.code = u.region_code
				where u.username = :username""")
				.param("username", username)
				.query((rs, i) -> {
					long id = rs.getLong("id");
					Set<String> roles = roles(id);
					DataScope scope = roles.contains(Roles.SYSTEM_ADMIN) ? DataScope.EVERYTHING
							: new DataScope(rs.getString("region_code"), rs.getString("path"));
					return new AccountPrincipal(id, rs.getString("username"), rs.getString("display_name"),
							rs.getString("password_hash"), rs.getBoolean("enabled"), scope, roles,
							rs.getTimestamp("password_changed_at").toInstant());
				}).optional().orElseThrow(() -> new UsernameNotFoundException("no such user"));
	}

	private Set<String> roles(long userId) {
		return new HashSet<>(jdbc.sql("select role from user_role where user_id = :id").param("id", userId)
				.query(String.class).list());
	}
}
