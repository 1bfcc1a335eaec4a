package org.wenming.account.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/** Bad query parameters and unknown users on the account pages: a page naming the field, or 404. */
@ControllerAdvice(assignableTypes = { UserPages.class, AuditPages.class, AccountPages.class })
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AccountPageProblems {

	private final MessageSource messages;

	AccountPageProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(InvalidFields.class)
	ModelAndView invalid(InvalidFields invalid, HttpServletRequest request) {
		return new ModelAndView("account/invalid", Map.of("ctx", Pages.context(messages, request), "errors", invalid.errors()), HttpStatus.BAD_REQUEST);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ModelAndView mismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		return new ModelAndView("account/invalid", Map.of("ctx", Pages.context(messages, request), "errors", Map.of(ex.getName(), "error.number")),
				HttpStatus.BAD_REQUEST);
	}

	@ExceptionHandler(UserNotFound.class)
	ModelAndView notFound(HttpServletRequest request) {
		return new ModelAndView("platform/error", Map.of("ctx", Pages.context(messages, request), "status", 404), HttpStatus.NOT_FOUND);
	}
}
