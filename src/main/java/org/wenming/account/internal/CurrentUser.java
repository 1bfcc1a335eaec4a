package org.wenming.account.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.wenming.shared.ScopedUser;

/** The signed-in person of the current request, as the audit needs them. */
final class CurrentUser {

	private CurrentUser() {
	}

	static ScopedUser get() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof ScopedUser user ? user : null;
	}

	static String name() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth == null ? "" : auth.getName();
	}

	/** The region path of the signed-in person if it is the given user and not scoped to everything. */
	static String regionPath(long userId) {
		ScopedUser user = get();
		return user != null && user.userId() == userId && !user.scope().isEverything() ? user.scope().path() : null;
	}

	static String ip(HttpServletRequest request) {
		return request.getRemoteAddr();
	}
}
