package org.wenming.account.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.wenming.platform.PageContext;

/** A page context for pages rendered from exception handlers, which model attributes do not reach. */
final class Pages {

	private Pages() {
	}

	static PageContext context(MessageSource messages, HttpServletRequest request) {
		return new PageContext(messages, RequestContextUtils.getLocale(request), CurrentUser.get(),
				(CsrfToken) request.getAttribute(CsrfToken.class.getName()), request.getRequestURI());
	}
}
