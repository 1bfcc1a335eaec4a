package org.wenming.activity.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.wenming.activity.ActivityType;
import org.wenming.platform.InvalidInputException;
import org.wenming.region.FieldProblem;
import org.wenming.shared.CityTime;

/** Typed values from text fields; a value of the wrong shape becomes a problem naming its field. */
final class Inputs {

	private Inputs() {
	}

	static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	static Long id(String field, String value, List<FieldProblem> problems) {
		if (blank(value)) {
			return null;
		}
		if (!value.strip().matches("[1-9]\\d{0,17}")) {
			problems.add(new FieldProblem(field, "activity.error.id"));
			return null;
		}
		return Long.parseLong(value.strip());
	}

	static Integer number(String field, String value, List<FieldProblem> problems) {
		if (blank(value)) {
			return null;
		}
		if (!value.strip().matches("\\d{1,9}")) {
			problems.add(new FieldProblem(field, "activity.error.number"));
			return null;
		}
		return Integer.parseInt(value.strip());
	}

	static BigDecimal coordinate(String field, String value, List<FieldProblem> problems) {
		if (blank(value)) {
			return null;
		}
		if (!value.strip().matches("-?\\d{1,3}(\\.\\d{1,6})?")) {
			problems.add(new FieldProblem(field, "activity.error.coordinate"));
			return null;
		}
		return new BigDecimal(value.strip());
	}

	/** A time as an ISO instant with offset, or a local date-time read in the city's zone (what a form sends). */
	static OffsetDateTime time(String field, String value, List<FieldProblem> problems) {
		if (blank(value)) {
			return null;
		}
		String text = value.strip();
		if (text.length() > 40) {
			problems.add(new FieldProblem(field, "activity.error.time"));
			return null;
		}
		try {
			return OffsetDateTime.parse(text);
		}
		catch (DateTimeParseException notOffset) {
			try {
				return LocalDateTime.parse(text).atZone(CityTime.ZONE).toOffsetDateTime();
			}
			catch (DateTimeParseException ex) {
				problems.add(new FieldProblem(field, "activity.error.time"));
				return null;
			}
		}
	}

	static <E> E choice(String field, String value, Function<String, Optional<E>> parse, List<FieldProblem> problems) {
		if (blank(value)) {
			return null;
		}
		Optional<E> parsed = parse.apply(value.strip());
		if (parsed.isEmpty()) {
			problems.add(new FieldProblem(field, "activity.error.choice"));
		}
		return parsed.orElse(null);
	}

	static Optional<ActivityType> type(String text) {
		for (ActivityType t : ActivityType.values()) {
			if (t.name().equals(text)) {
				return Optional.of(t);
			}
		}
		return Optional.empty();
	}

	// ---- query parameters: refusals name the parameter ----------------------------------------------------

	static ActivityType typeParameter(String value) {
		if (blank(value)) {
			return null;
		}
		return type(value.strip()).orElseThrow(() -> new InvalidInputException("type", "is not an activity type"));
	}

	static LocalDate dateParameter(String field, String value) {
		if (blank(value)) {
			return null;
		}
		if (value.length() > 10) {
			throw new InvalidInputException(field, "must be a date like 2026-12-01");
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "must be a date like 2026-12-01");
		}
	}

	static Double decimalParameter(String field, String value, double min, double max) {
		if (blank(value)) {
			return null;
		}
		if (!value.strip().matches("-?\\d{1,6}(\\.\\d{1,8})?")) {
			throw new InvalidInputException(field, "must be a number between " + min + " and " + max);
		}
		double d = Double.parseDouble(value.strip());
		if (d < min || d > max) {
			throw new InvalidInputException(field, "must be a number between " + min + " and " + max);
		}
		return d;
	}
}
