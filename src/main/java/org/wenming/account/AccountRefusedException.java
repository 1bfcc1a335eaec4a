package org.wenming.account;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A login could not be created: field name → message key of the broken rule (account bundle). */
public class AccountRefusedException extends RuntimeException {

	private final Map<String, String> errors;

	public AccountRefusedException(Map<String, String> errors) {
		super("login refused: " + errors.keySet());
		this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
	}

	public Map<String, String> errors() {
		return errors;
	}
}
