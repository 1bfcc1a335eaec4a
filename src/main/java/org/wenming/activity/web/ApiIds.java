package org.wenming.activity.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Record ids in API paths: anything but a positive number is simply not found. */
final class ApiIds {

	private ApiIds() {
	}

	static long id(String text) {
		if (text == null || !text.matches("[1-9]\\d{0,17}")) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return Long.parseLong(text);
	}
}
