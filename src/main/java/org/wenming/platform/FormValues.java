package org.wenming.platform;

import java.util.Map;

/**
 * A page form's submitted values and the fields refused, as the templates ask for them: the value to show
 * again, whether an option was chosen, and each field's error and its ARIA attributes.
 */
public record FormValues(Map<String, String> values, FormErrors errors) {

	public static final FormValues EMPTY = new FormValues(Map.of(), FormErrors.NONE);

	public String value(String field) {
		String value = values.get(field);
		return value == null ? "" : value;
	}

	public boolean is(String field, Object option) {
		return String.valueOf(option).equals(values.get(field));
	}

	public boolean hasError(String field) {
		return errors.has(field);
	}

	public String error(String field) {
		return errors.get(field);
	}

	public String describedBy(String field) {
		return errors.describedBy(field, null);
	}

	public String describedBy(String field, String hintId) {
		return errors.describedBy(field, hintId);
	}

	public String invalid(String field) {
		return errors.has(field) ? "true" : null;
	}
}
