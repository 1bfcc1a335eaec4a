package org.wenming.platform;

/**
 * Checks on the query and path parameters that pages and APIs share (region, search text, paging,
 * record ids); a refusal names the parameter.
 */
public final class QueryParameters {

	public static final int SEARCH_MAX = 50;

	public static final int PAGE_MAX = 100_000;

	private QueryParameters() {
	}

	/** A region code, or null when none was given. */
	public static String regionCode(String field, String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (!value.matches("\\d{2,12}")) {
			throw new InvalidInputException(field, "must be a region code of 2 to 12 digits");
		}
		return value;
	}

	/** Search text, or null when blank: plain text of at most {@link #SEARCH_MAX} characters. */
	public static String searchText(String field, String value) {
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

	public static int page(int page) {
		if (page < 0 || page > PAGE_MAX) {
			throw new InvalidInputException("page", "must be between 0 and " + PAGE_MAX);
		}
		return page;
	}

	public static int size(int size, int max) {
		if (size < 1 || size > max) {
			throw new InvalidInputException("size", "must be between 1 and " + max);
		}
		return size;
	}

	/** A page number given as text (absent: the first page). */
	public static int page(String value) {
		return number("page", value, 0, 0, PAGE_MAX);
	}

	/** A page size given as text (absent: {@code defaultSize}). */
	public static int size(String value, int defaultSize, int max) {
		return number("size", value, defaultSize, 1, max);
	}

	/** A record id from the path: anything but a positive number is simply not found. */
	public static long id(String text) {
		if (text == null || !text.matches("[1-9]\\d{0,17}")) {
			throw new RecordNotFound();
		}
		return Long.parseLong(text);
	}

	private static int number(String field, String value, int defaultValue, int min, int max) {
		if (value == null || value.isEmpty()) {
			return defaultValue;
		}
		if (!value.matches("\\d{1,9}") || Integer.parseInt(value) < min || Integer.parseInt(value) > max) {
			throw new InvalidInputException(field, "must be a whole number between " + min + " and " + max);
		}
		return Integer.parseInt(value);
	}
}
