package org.wenming.support;

import java.util.concurrent.ThreadLocalRandom;

/** Words for search tests that no other test's text holds, so other tests' rows never match a query. */
public final class SearchWords {

	private SearchWords() {
	}

	/**
	 * Six random Latin letters. (A UUID's letters a–f, the earlier way, can be fewer than six: one run in a
	 * hundred failed on it.)
	 */
	public static String unique() {
		var random = ThreadLocalRandom.current();
		var word = new StringBuilder(6);
		for (int i = 0; i < 6; i++) {
			word.append((char) ('a' + random.nextInt(26)));
		}
		return word.toString();
	}
}
