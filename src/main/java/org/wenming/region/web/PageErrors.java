package org.wenming.region.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.TypeMismatchException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.wenming.platform.InvalidInputException;

/**
 * Page controllers answer bad input with the platform's error page (400) and unknown records with
 * its 404 page, rather than a problem document meant for API clients.
 */
abstract class PageErrors {

	/** No such record (or one the visitor may not know about). */
	static final class NotFound extends RuntimeException {

		NotFound() {
			super(null, null, false, false);
		}
	}

	@ExceptionHandler({ InvalidInputException.class, TypeMismatchException.class,
			MissingServletRequestParameterException.class })
	void badRequest(HttpServletResponse response) throws IOException {
		response.sendError(HttpServletResponse.SC_BAD_REQUEST);
	}

	@ExceptionHandler(NotFound.class)
	void notFound(HttpServletResponse response) throws IOException {
		response.sendError(HttpServletResponse.SC_NOT_FOUND);
	}

	/** A record id from the path: anything but a positive number is simply not found. */
	static long id(String text) {
		if (text == null || !text.matches("[1-9]\\d{0,17}")) {
			throw new NotFound();
		}
		return Long.parseLong(text);
	}
}
