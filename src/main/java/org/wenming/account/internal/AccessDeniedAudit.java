package org.wenming.account.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.wenming.platform.ProblemResponses;
import org.wenming.shared.ScopedUser;

/** A request refused by a role or CSRF rule: recorded as PERMISSION_DENIED, answered 403. */
@Component
class AccessDeniedAudit implements AccessDeniedHandler {

	private final SecurityEvents events;

	AccessDeniedAudit(SecurityEvents events) {
		this.events = events;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		ScopedUser user = CurrentUser.get();
		SecurityEvent event = SecurityEvent.of(SecurityEventType.PERMISSION_DENIED,
				denied instanceof CsrfException ? "CSRF" : "DENIED");
		event = user != null ? event.by(user) : event.by(null, CurrentUser.name(), null);
		events.record(event.from(CurrentUser.ip(request))
				.detail(request.getMethod() + " " + request.getRequestURI()));
		if (response.isCommitted()) {
			return;
		}
		if (ProblemResponses.wantsJson(request)) {
			ProblemResponses.write(response, 403, "Forbidden", "You may not do this");
		}
		else {
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
		}
	}
}
