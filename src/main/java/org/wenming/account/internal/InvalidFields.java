package org.wenming.account.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input refused: for each offending field, the message key (in the account bundle) of the rule it
 * broke. Pages show the messages next to the fields; the API lists them as problem {@code errors}.
 */
final class InvalidFields extends RuntimeException {

	private final Map<String, String> errors;

	InvalidFields(Map<String, String> errors) {
		super("invalid fields " + errors.keySet());
		this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
	}

	static InvalidFields of(String field, String messageKey) {
		return new InvalidFields(Map.of(field, messageKey));
	}

	/** Field name → message key. */
	Map<String, String> errors() {
		return errors;
	}
}
