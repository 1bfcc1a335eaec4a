package org.wenming.activity.checkin;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import org.wenming.platform.InvalidInputException;
import org.wenming.shared.CityTime;

/** Checks on check-in input shared by the pages and the API; a refusal names the field. */
final class CheckinInput {

	static final int TOKEN_MAX = 80;

	static final int REASON_MIN = 5;

	static final int REASON_MAX = 200;

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~-]{8,64}");

	private CheckinInput() {
	}

	static String idempotencyKey(String field, String value) {
		if (value == null || value.isEmpty()) {
			throw new InvalidInputException(field, "is required");
		}
		if (!KEY.matcher(value).matches()) {
			throw new InvalidInputException(field, "must be 8 to 64 letters, digits or . _ ~ -");
		}
		return value;
	}

	/** Malformed tokens are bad input; well formed ones are then checked for their signature. */
	static String token(String field, String value) {
		if (value == null || value.isEmpty()) {
			throw new InvalidInputException(field, "is required");
		}
		if (value.length() > TOKEN_MAX || !CheckinTokens.FORMAT.matcher(value).matches()) {
			throw new InvalidInputException(field, "is not a check-in code");
		}
		return value;
	}

	static String action(String field, String value) {
		if (!"IN".equals(value) && !"OUT".equals(value)) {
			throw new InvalidInputException(field, "must be IN or OUT");
		}
		return value;
	}

	/** An ISO-8601 time with offset (API), or null. */
	static Instant instant(String field, String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (value.length() > 40) {
			throw new InvalidInputException(field, "must be an ISO-8601 date-time with offset");
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "must be an ISO-8601 date-time with offset");
		}
	}

	/** A local date-time in city time from a form's datetime-local input, or null. */
	static Instant cityTime(String field, String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (value.length() > 30) {
			throw new InvalidInputException(field, "must be a date and time");
		}
		try {
			return LocalDateTime.parse(value).atZone(CityTime.ZONE).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "must be a date and time");
		}
	}

	/** A coordinate from JSON (a number) or a form (text), or null. */
	static Double coordinate(String field, Object value, double limit) {
		if (value == null || (value instanceof String s && s.isEmpty())) {
			return null;
		}
		double number;
		if (value instanceof Number n) {
			number = n.doubleValue();
		}
		else if (value instanceof String s && s.length() <= 30 && s.matches("-?\\d{1,3}(\\.\\d{1,12})?")) {
			number = Double.parseDouble(s);
		}
		else {
			throw new InvalidInputException(field, "must be a number");
		}
		if (!Double.isFinite(number) || Math.abs(number) > limit) {
			throw new InvalidInputException(field, "must be between -" + (int) limit + " and " + (int) limit);
		}
		return number;
	}

	static void position(Double latitude, Double longitude) {
		if ((latitude == null) != (longitude == null)) {
			throw new InvalidInputException(latitude == null ? "latitude" : "longitude",
					"must be given with the other coordinate");
		}
	}

	static String reason(String field, String value) {
		String text = value == null ? "" : value.strip();
		int length = text.codePointCount(0, text.length());
		if (length < REASON_MIN || length > REASON_MAX) {
			throw new InvalidInputException(field, "must be " + REASON_MIN + " to " + REASON_MAX + " characters");
		}
		if (text.codePoints().anyMatch(c -> c == '\uFFFD' || Character.isISOControl(c) || c == '<' || c == '>'
				|| Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE)) {
			throw new InvalidInputException(field, "contains characters that are not allowed");
		}
		return text;
	}

	static long id(String field, Object value) {
		String text = value == null ? "" : String.valueOf(value);
		if (!text.matches("[1-9]\\d{0,17}")) {
			throw new InvalidInputException(field, "must be a record id");
		}
		return Long.parseLong(text);
	}
}
