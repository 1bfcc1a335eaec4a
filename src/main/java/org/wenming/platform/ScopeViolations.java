package org.wenming.platform;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopeViolation;
import org.wenming.shared.ScopedUser;

/**
 * Turns an {@link OutOfScopeException} from any module into a 404 (page or problem document) and
 * a {@link ScopeViolation} event for the security audit.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ScopeViolations {

	private final ApplicationEventPublisher events;

	private final org.springframework.context.MessageSource messages;

	ScopeViolations(ApplicationEventPublisher events, org.springframework.context.MessageSource messages) {
		this.events = events;
		this.messages = messages;
	}

	@ExceptionHandler(OutOfScopeException.class)
	Object outOfScope(OutOfScopeException ex, HttpServletRequest request) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		ScopedUser user = auth != null && auth.getPrincipal() instanceof ScopedUser u ? u : null;
		events.publishEvent(new ScopeViolation(user == null ? 0 : user.userId(),
				user == null ? (auth == null ? "" : auth.getName()) : user.username(), ex.resource(), ex.id(),
				request.getRequestURI(), request.getRemoteAddr()));
		if (wantsJson(request)) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.body(ApiProblems.problem(HttpStatus.NOT_FOUND, null));
		}
		return new ModelAndView("platform/error", java.util.Map.of("ctx", PageContextAdvice.of(messages, request),
				"status", 404), HttpStatus.NOT_FOUND);
	}

	static boolean wantsJson(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return request.getRequestURI().startsWith("/api/")
				|| (accept != null && accept.contains("json") && !accept.contains("text/html"));
	}
}
