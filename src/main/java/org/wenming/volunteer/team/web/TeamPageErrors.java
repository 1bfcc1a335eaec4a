package org.wenming.volunteer.team.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.wenming.platform.PageController;
import org.wenming.platform.PageContext;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.team.MembershipRefusedException;

/**
 * Team pages answer bad query input with the platform's 400 page, unknown records with its 404
 * page, and a refused membership step with a page saying why (409 or 403).
 */
abstract class TeamPageErrors extends PageController {

	private final MessageSource messages;

	TeamPageErrors(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(MembershipRefusedException.class)
	ModelAndView refused(MembershipRefusedException ex, HttpServletRequest request) {
		HttpStatus status = ex.kind() == MembershipRefusedException.Kind.FORBIDDEN ? HttpStatus.FORBIDDEN
				: HttpStatus.CONFLICT;
		return new ModelAndView("team/refused", Map.of("ctx", pageContext(request), "messageKey", ex.messageKey()),
				status);
	}

	/** Exception handlers do not get the model attributes of the controller advice: build the page context here. */
	PageContext pageContext(HttpServletRequest request) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		ScopedUser user = auth != null && auth.getPrincipal() instanceof ScopedUser u ? u : null;
		return new PageContext(messages, RequestContextUtils.getLocale(request), user,
				(CsrfToken) request.getAttribute(CsrfToken.class.getName()), request.getRequestURI());
	}
}
