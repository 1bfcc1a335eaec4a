package org.wenming.honor.care;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.wenming.region.FieldProblem;

/** Parsing of the texts a form or a JSON body sends: a problem naming the field instead of an exception. */
final class CareInputs {

	private CareInputs() {
	}

	static String trim(String text) {
		if (text == null) {
			return null;
		}
		String stripped = text.strip();
		return stripped.isEmpty() ? null : stripped;
	}

	/** A sum of money in yuan: at most 10 digits and 2 decimals, never negative; null when blank. */
	static BigDecimal money(String field, String text, List<FieldProblem> problems, String messageKey) {
		String value = trim(text);
		if (value == null) {
			return null;
		}
		if (!value.matches("\\d{1,10}(\\.\\d{1,2})?")) {
			problems.add(new FieldProblem(field, messageKey));
			return null;
		}
		return new BigDecimal(value).setScale(2);
	}

	static LocalDate date(String field, String text, List<FieldProblem> problems, String messageKey) {
		String value = trim(text);
		if (value == null || !value.matches("\\d{4}-\\d{2}-\\d{2}")) {
			problems.add(new FieldProblem(field, messageKey));
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			problems.add(new FieldProblem(field, messageKey));
			return null;
		}
	}

	static Long id(String field, String text, List<FieldProblem> problems, String messageKey) {
		String value = trim(text);
		if (value == null || !value.matches("\\d{1,18}")) {
			problems.add(new FieldProblem(field, messageKey));
			return null;
		}
		return Long.valueOf(value);
	}
}
