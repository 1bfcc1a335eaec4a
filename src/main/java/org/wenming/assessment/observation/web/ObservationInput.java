package org.wenming.assessment.observation.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import org.wenming.platform.InvalidInputException;

/** Checks on the phone's input shared by the pages and the API; a refusal names the field. */
final class ObservationInput {

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~-]{8,64}");

	private ObservationInput() {
	}

	static String idempotencyKey(String field, String value) {
		if (value == null || value.isEmpty()) {
			throw new InvalidInputException(field, "assessment.observe.error.keyRequired");
		}
		if (!KEY.matcher(value).matches()) {
			throw new InvalidInputException(field, "assessment.observe.error.keyFormat");
		}
		return value;
	}

	/** An ISO-8601 time with offset, or null. */
	static Instant instant(String field, String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (value.length() > 40) {
			throw new InvalidInputException(field, "assessment.observe.error.time");
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "assessment.observe.error.time");
		}
	}

	static Double coordinate(String field, Double value, double limit) {
		if (value == null) {
			return null;
		}
		if (!Double.isFinite(value) || Math.abs(value) > limit) {
			throw new InvalidInputException(field, "assessment.observe.error.coordinate");
		}
		return value;
	}

	/** A coordinate from a form (text), or null. */
	static Double coordinate(String field, String value, double limit) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (value.length() > 30 || !value.matches("-?\\d{1,3}(\\.\\d{1,12})?")) {
			throw new InvalidInputException(field, "assessment.observe.error.coordinate");
		}
		return coordinate(field, Double.valueOf(value), limit);
	}

	static void position(Double latitude, Double longitude) {
		if ((latitude == null) != (longitude == null)) {
			throw new InvalidInputException(latitude == null ? "latitude" : "longitude",
					"assessment.observe.error.positionHalf");
		}
	}

	/** A record id in a path or a form. */
	static long id(String field, String value) {
		if (value == null || !value.matches("[1-9]\\d{0,17}")) {
			throw new InvalidInputException(field, "assessment.observe.error.id");
		}
		return Long.parseLong(value);
	}
}
