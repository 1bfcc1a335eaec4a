package org.wenming.portal.web;

import java.util.Arrays;

import org.wenming.platform.InvalidInputException;
import org.wenming.platform.search.SearchKind;

/** The search's request parameters, checked the same way for the page and the JSON. */
final class SearchRequests {

	private SearchRequests() {
	}

	/** Null for none; a kind's name in any case; otherwise 400 naming {@code kind}. */
	static SearchKind kind(String kind) {
		if (kind == null || kind.isBlank()) {
			return null;
		}
		return Arrays.stream(SearchKind.values()).filter(k -> k.name().equalsIgnoreCase(kind.strip())).findFirst()
			.orElseThrow(() -> new InvalidInputException("kind", "portal.search.error.kind"));
	}
}
