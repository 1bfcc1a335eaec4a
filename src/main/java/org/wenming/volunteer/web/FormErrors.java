package org.wenming.volunteer.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wenming.region.FieldProblem;

/** The message key of each field's first error, for showing next to the field. */
public record FormErrors(Map<String, String> errors) {

	static final FormErrors NONE = new FormErrors(Map.of());

	static FormErrors of(List<FieldProblem> problems) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (FieldProblem problem : problems) {
			errors.putIfAbsent(problem.field(), problem.messageKey());
		}
		return new FormErrors(errors);
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
