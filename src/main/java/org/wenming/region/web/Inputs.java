package org.wenming.region.web;

import org.wenming.platform.InvalidInputException;

/** Checks on query parameters shared by the pages and the API; a refusal names the parameter. */
final class Inputs {

	static final int SEARCH_MAX = 50;

	private Inputs() {
	}

	/** A region code, or null when none was given. */
	static String regionCode(String field, String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (!value.matches("\\d{2,12}")) {
			throw new InvalidInputException(field, "must be a region code of 2 to 12 digits");
		}
		return value;
	}

	/** Search text, or null when blank. */
	static String searchText(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		if (text.codePointCount(0, text.length()) > SEARCH_MAX) {
			throw new InvalidInputException(field, "must be at most " + SEARCH_MAX + " characters");
		}
		if (text.codePoints().anyMatch(c -> c == '\uFFFD' || Character.isISOControl(c) || c == '<' || c == '>')) {
			throw new InvalidInputException(field, "contains characters that are not allowed");
		}
		return text;
	}

	static int page(int page) {
		if (page < 0 || page > 100_000) {
			throw new InvalidInputException("page", "must be between 0 and 100000");
		}
		return page;
	}

	static int size(int size, int max) {
		if (size < 1 || size > max) {
			throw new InvalidInputException("size", "must be between 1 and " + max);
		}
		return size;
	}
}
