package org.wenming.casework.open311;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The parameters of a GeoReport request (query string or form body), read the way every resource
 * reads them: one value each, never a NUL, numbers and times checked; each refusal a 400 naming
 * the parameter.
 */
final class GeoReportParameters {

	private static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data");

	private final Map<String, String[]> values;

	GeoReportParameters(Map<String, String[]> values) {
		this.values = values;
	}

	static GeoReportParameters of(HttpServletRequest request) {
		return new GeoReportParameters(request.getParameterMap());
	}

	/** A POST's parameters come as a form, as GeoReport has it: any other body is refused. */
	static void requireForm(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType != null && FORM_TYPES.stream().noneMatch(contentType.toLowerCase(Locale.ROOT)::startsWith)) {
			throw Open311Exception.badRequest("open311.error.contentType");
		}
	}

	/** One value of a parameter; given twice it is refused rather than guessed at. */
	String single(String name) {
		String[] given = values.get(name);
		if (given == null || given.length == 0) {
			return null;
		}
		if (given.length > 1) {
			throw Open311Exception.badRequest("open311.error.repeated", name);
		}
		// PostgreSQL text cannot hold NUL: refused here rather than failing in the insert
		if (given[0].indexOf('\u0000') >= 0) {
			throw Open311Exception.badRequest("open311.error.nul", name);
		}
		return given[0];
	}

	/** A value that is present and not blank, or null. */
	String given(String name) {
		String value = single(name);
		return value == null || value.isBlank() ? null : value;
	}

	/** Free text of at most {@code max} characters without control characters, stripped; null when blank. */
	String text(String name, int max) {
		String value = single(name);
		if (value != null && (value.length() > max || value.chars().anyMatch(Character::isISOControl))) {
			throw Open311Exception.badRequest("open311.error.length", name, max);
		}
		return value == null || value.isBlank() ? null : value.strip();
	}

	/** Degrees of latitude ({@code lat}) or longitude ({@code long}), six decimals. */
	BigDecimal coordinate(String name) {
		String value = given(name);
		if (value == null) {
			return null;
		}
		try {
			if (value.length() > 32) {
				throw new NumberFormatException();
			}
			BigDecimal number = new BigDecimal(value.strip());
			BigDecimal limit = BigDecimal.valueOf("lat".equals(name) ? 90 : 180);
			if (number.abs().compareTo(limit) > 0) {
				throw Open311Exception.badRequest("open311.error.coordinate.range", name);
			}
			return number.setScale(6, RoundingMode.HALF_UP);
		}
		catch (NumberFormatException ex) {
			throw Open311Exception.badRequest("open311.error.coordinate", name);
		}
	}

	/** An ISO 8601 time with its offset. */
	Instant time(String name) {
		String value = given(name);
		if (value == null) {
			return null;
		}
		try {
			if (value.length() > 40) {
				throw new DateTimeParseException("too long", value, 0);
			}
			return OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw Open311Exception.badRequest("open311.error.date", name);
		}
	}

	/** A whole number in {@code min..max}; {@code absent} when not given. */
	int integer(String name, int absent, int min, int max) {
		String value = given(name);
		if (value == null) {
			return absent;
		}
		try {
			if (value.length() > 10) {
				throw new NumberFormatException();
			}
			int number = Integer.parseInt(value.strip());
			if (number < min || number > max) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw Open311Exception.badRequest("open311.error.integer", name, min, max);
		}
	}

	/** Every parameter whose name starts with {@code attribute}, in the order given, with all its values. */
	Map<String, List<String>> attributes() {
		Map<String, List<String>> attributes = new LinkedHashMap<>();
		values.forEach((name, given) -> {
			if (name.startsWith("attribute")) {
				attributes.put(name, List.of(given));
			}
		});
		return attributes;
	}
}
