package org.wenming.account;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.wenming.shared.ScopedUser;

/**
 * Accounts as other modules use them (the account module owns {@code app_user} and
 * {@code user_role}; nobody else reads or writes them): looking up logins, and granting or ending
 * the roles another module manages — the team leader's role with the team it leads. Every grant and
 * revocation that changes something is recorded as {@code ROLE_CHANGED} in the security audit, as a
 * staff member's role change is. Runs inside the caller's transaction.
 */
public interface AccountDirectory {

	/** An enabled login by its exact username. */
	Optional<AccountSummary> findEnabled(String username);

	/** Logins by id (any that do not exist are left out), keyed by id. */
	Map<Long, AccountSummary> find(Collection<Long> userIds);

	/** Whether the login exists and holds the role (e.g. a unit handler before being linked to a unit). */
	boolean hasRole(String username, String role);

	/**
	 * Grants one of the roles other modules manage; nothing happens when it is held already.
	 *
	 * @param why what the grant is for, kept in the audit ("leads team 12")
	 * @throws IllegalArgumentException for a role other modules may not grant (staff and admin roles are
	 *         given only through the account administration)
	 */
	void grantRole(long userId, String role, ScopedUser by, String why);

	/** Ends a role granted through {@link #grantRole}; nothing happens when it is not held. */
	void revokeRole(long userId, String role, ScopedUser by, String why);
}
