package org.wenming.account.internal;

import java.time.Clock;

import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsChecker;
import org.springframework.stereotype.Component;

/**
 * Locks a username after too many wrong passwords (default 5 within 15 minutes) until the window
 * has passed. Checked before the password is, so a correct password during the lock is refused
 * too, with the same generic message as a wrong one. Refusals during a lock are audited but do not
 * count, so the lock ends {@code window} after the failures that caused it.
 */
@Component
class LoginLockout implements UserDetailsChecker {

	private final SecurityEvents events;

	private final AccountSecurityProperties.Lockout rules;

	private final Clock clock;

	private final AccountStatusUserDetailsChecker accountStatus = new AccountStatusUserDetailsChecker();

	LoginLockout(SecurityEvents events, AccountSecurityProperties properties, Clock clock) {
		this.events = events;
		this.rules = properties.lockout();
		this.clock = clock;
	}

	boolean isLocked(String username) {
		return recentFailures(username) >= rules.maxFailures();
	}

	int recentFailures(String username) {
		return events.failuresSince(username, clock.instant().minus(rules.window()));
	}

	/** Whether the failure just recorded is the one that locks the username. */
	boolean justLocked(String username) {
		return recentFailures(username) == rules.maxFailures();
	}

	@Override
	public void check(UserDetails user) {
		if (isLocked(user.getUsername())) {
			throw new LockedException("locked");
		}
		accountStatus.check(user);
	}
}
