package org.wenming.account.internal;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.wenming.shared.ScopeViolation;
import org.wenming.shared.ScopedUser;

/**
 * Writes Spring Security's authentication outcomes and the other modules' scope violations into the
 * security audit. A wrong password that reaches the lockout threshold also records the LOCKOUT.
 */
@Component
class LoginAudit {

	private final SecurityEvents events;

	private final LoginLockout lockout;

	private final JdbcClient jdbc;

	LoginAudit(SecurityEvents events, LoginLockout lockout, JdbcClient jdbc) {
		this.events = events;
		this.lockout = lockout;
		this.jdbc = jdbc;
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		Authentication auth = event.getAuthentication();
		if (auth.getPrincipal() instanceof ScopedUser user) {
			events.record(SecurityEvent.of(SecurityEventType.LOGIN_SUCCESS, "OK").by(user).from(ip(auth)));
		}
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		Authentication auth = event.getAuthentication();
		String typed = SecurityEvent.clean(auth.getName(), 64);
		String outcome = event.getException() instanceof LockedException ? "LOCKED"
				: event.getException() instanceof DisabledException ? "DISABLED" : SecurityEvents.BAD_CREDENTIALS;
		Known known = known(typed);
		events.record(SecurityEvent.of(SecurityEventType.LOGIN_FAILURE, outcome)
				.by(known == null ? null : known.id(), typed, known == null ? null : known.path()).from(ip(auth)));
		if (outcome.equals(SecurityEvents.BAD_CREDENTIALS) && lockout.justLocked(typed)) {
			events.record(SecurityEvent.of(SecurityEventType.LOCKOUT, "LOCKED")
					.by(known == null ? null : known.id(), typed, known == null ? null : known.path()).from(ip(auth)));
		}
	}

	@EventListener
	void outOfScope(ScopeViolation violation) {
		Known known = violation.userId() == 0 ? null : known(violation.userId());
		events.record(SecurityEvent.of(SecurityEventType.OUT_OF_SCOPE, "DENIED")
				.by(violation.userId() == 0 ? null : violation.userId(), violation.username(),
						known == null ? CurrentUser.regionPath(violation.userId()) : known.path())
				.from(violation.ip())
				.detail(violation.resource() + " " + violation.id() + " via " + violation.requestPath()));
	}

	private Known known(String username) {
		return jdbc.sql("""
				select u.id, r.path from app_user u join published_region r on r.code = u.region_code
				where u.username = :username""").param("username", username)
				.query((rs, i) -> new Known(rs.getLong(1), rs.getString(2))).optional().orElse(null);
	}

	private Known known(long id) {
		return jdbc.sql("""
				select u.id, r.path from app_user u join published_region r on r.code = u.region_code
				where u.id = :id""").param("id", id)
				.query((rs, i) -> new Known(rs.getLong(1), rs.getString(2))).optional().orElse(null);
	}

	private static String ip(Authentication auth) {
		return auth.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
	}

	private record Known(long id, String path) {
	}
}
