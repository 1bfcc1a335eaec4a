package org.wenming.account.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.account.AccountDirectory;
import org.wenming.account.AccountSummary;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

@Service
class AccountDirectoryService implements AccountDirectory {

	/** Roles that follow from another module's records; staff and admin roles never do. */
	static final Set<String> DELEGATED_ROLES = Set.of(Roles.TEAM_LEADER);

	private final JdbcClient jdbc;

	private final SecurityEvents events;

	AccountDirectoryService(JdbcClient jdbc, SecurityEvents events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	@Override
	public Optional<AccountSummary> findEnabled(String username) {
		return jdbc.sql("select id, username, display_name from app_user where username = :username and enabled")
				.param("username", username).query(AccountDirectoryService::summary).optional();
	}

	@Override
	public Map<Long, AccountSummary> find(Collection<Long> userIds) {
		Map<Long, AccountSummary> found = new LinkedHashMap<>();
		if (userIds.isEmpty()) {
			return found;
		}
		jdbc.sql("select id, username, display_name from app_user where id in (:ids) order by id")
				.param("ids", List.copyOf(userIds)).query(AccountDirectoryService::summary).list()
				.forEach(a -> found.put(a.userId(), a));
		return found;
	}

	@Override
	public boolean hasRole(String username, String role) {
		return jdbc.sql("""
				select exists (select 1 from app_user a join user_role r on r.user_id = a.id and r.role = :role
				               where a.username = :username)""")
				.param("role", role).param("username", username).query(Boolean.class).single();
	}

	@Override
	@Transactional
	public void grantRole(long userId, String role, ScopedUser by, String why) {
		requireDelegated(role);
		int added = jdbc.sql("insert into user_role (user_id, role) values (:user, :role) on conflict do nothing")
				.param("user", userId).param("role", role).update();
		if (added > 0) {
			audit(userId, by, "granted " + role + ": " + why);
		}
	}

	@Override
	@Transactional
	public void revokeRole(long userId, String role, ScopedUser by, String why) {
		requireDelegated(role);
		int removed = jdbc.sql("delete from user_role where user_id = :user and role = :role").param("user", userId)
				.param("role", role).update();
		if (removed > 0) {
			audit(userId, by, "revoked " + role + ": " + why);
		}
	}

	private void audit(long userId, ScopedUser by, String detail) {
		String username = jdbc.sql("select username from app_user where id = :id").param("id", userId)
				.query(String.class).single();
		events.record(SecurityEvent.of(SecurityEventType.ROLE_CHANGED, "OK").by(by).on(userId, username).detail(detail));
	}

	private static void requireDelegated(String role) {
		if (!DELEGATED_ROLES.contains(role)) {
			throw new IllegalArgumentException("role " + role + " is granted only through the account administration");
		}
	}

	private static AccountSummary summary(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new AccountSummary(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"));
	}
}
