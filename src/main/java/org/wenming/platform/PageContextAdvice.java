package org.wenming.platform;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.wenming.shared.ScopedUser;

/** Gives every page its {@link PageContext} under the model name {@code ctx}. */
@ControllerAdvice
class PageContextAdvice {

	private final MessageSource messages;

	PageContextAdvice(MessageSource messages) {
		this.messages = messages;
	}

	@ModelAttribute("ctx")
	PageContext pageContext(HttpServletRequest request) {
		return of(messages, request);
	}

	static PageContext of(MessageSource messages, HttpServletRequest request) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		ScopedUser user = auth != null && auth.getPrincipal() instanceof ScopedUser u ? u : null;
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		return new PageContext(messages, RequestContextUtils.getLocale(request), user, csrf,
				request.getRequestURI(), ElderlyMode.isOn(request), request.getQueryString());
	}
}
