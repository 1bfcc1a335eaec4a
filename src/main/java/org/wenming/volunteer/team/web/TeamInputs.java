package org.wenming.volunteer.team.web;

import org.wenming.platform.InvalidInputException;
import org.wenming.volunteer.team.TeamType;

/** Checks on query parameters shared by the team pages and API; a refusal names the parameter. */
final class TeamInputs {

	static final int SEARCH_MAX = 50;

	private TeamInputs() {
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

	static TeamType type(String field, String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		return TeamType.parse(value).orElseThrow(() -> new InvalidInputException(field, "is not a type of team"));
	}

	static int page(String value) {
		return number("page", value, 0, 0, 100_000);
	}

	static int size(String value, int defaultSize, int max) {
		return number("size", value, defaultSize, 1, max);
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

	/** A record id from the path: anything but a positive number is simply not found. */
	static long id(String text) {
		if (text == null || !text.matches("[1-9]\\d{0,17}")) {
			throw new TeamPageErrors.NotFound();
		}
		return Long.parseLong(text);
	}
}
