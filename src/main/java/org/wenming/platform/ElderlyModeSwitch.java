package org.wenming.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.wenming.shared.ScopedUser;

/**
 * Handles {@code ?care=on|off} on any page, as {@code ?lang=} is handled: a link works without
 * JavaScript and without a session. A signed-in person's choice is also kept on their account.
 */
final class ElderlyModeSwitch implements HandlerInterceptor {

	private final ObjectProvider<ElderlyModeChoices> choices;

	ElderlyModeSwitch(ObjectProvider<ElderlyModeChoices> choices) {
		this.choices = choices;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		Boolean on = ElderlyMode.parse(request.getParameter(ElderlyMode.PARAMETER));
		if (on == null) {
			return true;
		}
		ElderlyMode.remember(request, response, on);
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof ScopedUser user) {
			choices.ifAvailable(store -> store.chosen(user.userId(), on));
		}
		return true;
	}
}
