package org.wenming.ledger.web;

import java.util.Map;

/** Values a form was submitted with and the error (a message key) of each field that was refused. */
public record FormView(Map<String, String> values, Map<String, String> errors) {

	public static FormView empty() {
		return new FormView(Map.of(), Map.of());
	}

	public String value(String field) {
		String value = values.get(field);
		return value == null ? "" : value;
	}

	public boolean hasError(String field) {
		return errors.containsKey(field);
	}

	public String error(String field) {
		return errors.get(field);
	}

	public String describedBy(String field) {
		return hasError(field) ? field + "-error" : null;
	}
}
