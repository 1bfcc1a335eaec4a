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

/**
 * Gives every page its {@link PageContext} under the model name {@code ctx}: Wenming's controllers only, not
 * the actuator's or the API documentation's (a model attribute method runs on every request of the
 * controllers it advises, pages or not).
 */
@ControllerAdvice(basePackages = "org.wenming")
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
