package org.wenming.platform;

/**
 * Checks on the query and path parameters that pages and APIs share (region, search text, record
 * ids; paging is {@link Paging}); a refusal names the parameter.
 */
public final class QueryParameters {

	public static final int SEARCH_MAX = 50;

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

	/** A record id from the path: anything but a positive number is simply not found. */
	public static long id(String text) {
		if (!ApiIds.isId(text)) {
			throw new RecordNotFound();
		}
		return Long.parseLong(text);
	}
}
