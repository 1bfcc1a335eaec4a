package org.wenming.activity.web;

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
import org.wenming.activity.ActivityRefusedException;
import org.wenming.platform.PageContext;
import org.wenming.platform.PageController;
import org.wenming.shared.ScopedUser;

/**
 * Activity pages answer bad query input with the platform's 400 page, unknown records with its 404
 * page, and a refused step with a page saying why (400, 409 or 403) and where to go back.
 */
abstract class ActivityPageErrors extends PageController {

	private final MessageSource messages;

	ActivityPageErrors(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(ActivityRefusedException.class)
	ModelAndView refused(ActivityRefusedException ex, HttpServletRequest request) {
		HttpStatus status = switch (ex.kind()) {
			case FORBIDDEN -> HttpStatus.FORBIDDEN;
			case CONFLICT -> HttpStatus.CONFLICT;
			case INVALID -> HttpStatus.BAD_REQUEST;
		};
		String back = request.getHeader("Referer");
		return new ModelAndView("activity/refused", Map.of("ctx", pageContext(request), "problems", ex.problems(),
				"back", back != null && back.startsWith("/") ? back : ""), status);
	}

	PageContext pageContext(HttpServletRequest request) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		ScopedUser user = auth != null && auth.getPrincipal() instanceof ScopedUser u ? u : null;
		return new PageContext(messages, RequestContextUtils.getLocale(request), user,
				(CsrfToken) request.getAttribute(CsrfToken.class.getName()), request.getRequestURI());
	}
}
