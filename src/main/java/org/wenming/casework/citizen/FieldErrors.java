package org.wenming.casework.citizen;

import java.util.LinkedHashMap;
import java.util.Map;

/** The message key of each field's first error, for showing next to the field. */
public record FieldErrors(Map<String, String> errors) {

	static FieldErrors none() {
		return new FieldErrors(new LinkedHashMap<>());
	}

	void add(String field, String key) {
		errors.putIfAbsent(field, key);
	}

	public boolean any() {
		return !errors.isEmpty();
	}

	public boolean has(String field) {
		return errors.containsKey(field);
	}

	public String get(String field) {
		return errors.get(field);
	}

	/** aria-describedby of a field: its error when it has one, else its hint (may be null). */
	public String describedBy(String field, String hintId) {
		return has(field) ? field + "-error" : hintId;
	}
}
