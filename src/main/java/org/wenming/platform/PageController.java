package org.wenming.platform;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.TypeMismatchException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Base of the page controllers: bad query input is answered with the platform's 400 page and an
 * unknown record with its 404 page, rather than with a problem document meant for API clients.
 */
public abstract class PageController {

	@ExceptionHandler({ InvalidInputException.class, TypeMismatchException.class,
			MissingServletRequestParameterException.class })
	protected void badRequest(HttpServletResponse response) throws IOException {
		response.sendError(HttpServletResponse.SC_BAD_REQUEST);
	}

	@ExceptionHandler(RecordNotFound.class)
	protected void notFound(HttpServletResponse response) throws IOException {
		response.sendError(HttpServletResponse.SC_NOT_FOUND);
	}
}
