package org.wenming.volunteer.web;

import java.io.IOException;
import java.text.Normalizer;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.ExceptionHandler;
import org.wenming.platform.PageController;
import org.wenming.volunteer.VolunteerNotFoundException;

/**
 * Page controllers answer bad query input with the platform's 400 page and unknown records with
 * its 404 page, rather than a problem document meant for API clients.
 */
abstract class Pages extends PageController {

	@ExceptionHandler(VolunteerNotFoundException.class)
	void volunteerNotFound(HttpServletResponse response) throws IOException {
		response.sendError(HttpServletResponse.SC_NOT_FOUND);
	}

	/** A record id from the path: anything but a positive number is simply not found. */
	static long id(String text) {
		if (text == null || !text.matches("[1-9]\\d{0,17}")) {
			throw new VolunteerNotFoundException(0);
		}
		return Long.parseLong(text);
	}

	/** NFKC and trimmed; null when blank. */
	static String normalised(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return Normalizer.normalize(value, Normalizer.Form.NFKC).strip();
	}
}
