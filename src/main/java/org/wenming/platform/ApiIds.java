package org.wenming.platform;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Record ids in API paths: anything but a positive number is simply not found. */
public final class ApiIds {

	private ApiIds() {
	}

	public static long id(String text) {
		if (!isId(text)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return Long.parseLong(text);
	}

	/** A positive number that fits a {@code bigint}. */
	static boolean isId(String text) {
		return text != null && text.matches("[1-9]\\d{0,17}");
	}
}
