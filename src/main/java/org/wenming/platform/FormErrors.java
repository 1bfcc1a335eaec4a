package org.wenming.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The message key of each field's first error, for showing next to the field on a page. */
public record FormErrors(Map<String, String> errors) {

	public static final FormErrors NONE = new FormErrors(Map.of());

	/** No errors yet; {@link #add} fills it. */
	public static FormErrors none() {
		return new FormErrors(new LinkedHashMap<>());
	}

	/** The first problem of each field, in the order found. */
	public static <P> FormErrors of(List<P> problems, Function<P, String> field, Function<P, String> messageKey) {
		FormErrors errors = none();
		problems.forEach(p -> errors.add(field.apply(p), messageKey.apply(p)));
		return errors;
	}

	public void add(String field, String messageKey) {
		errors.putIfAbsent(field, messageKey);
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
