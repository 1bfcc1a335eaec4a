package org.wenming.platform;

import java.util.List;

/**
 * Paging as pages and the API share it: page numbers from 0, the page size within a listing's
 * maximum, a refusal naming {@code page} or {@code size}, and one page of a listing as JSON.
 */
public final class Paging {

	public static final int PAGE_MAX = 100_000;

	private Paging() {
	}

	/**
	 * One page of a listing with the total, so a client can page through all of it.
	 *
	 * @param pages how many pages the listing has at this size
	 */
	public record Page<T>(List<T> items, long total, int page, int size, int pages) {
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
