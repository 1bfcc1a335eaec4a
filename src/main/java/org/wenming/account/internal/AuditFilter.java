package org.wenming.account.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * What the audit browser asks for: an event type, a username (actor or target) and a date range
 * (days in China time, inclusive). Empty strings mean "any".
 */
record AuditFilter(String type, String username, Instant from, Instant to, LocalDate fromDate, LocalDate toDate) {

	static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

	/** Parses request parameters; a bad one is refused naming the parameter. */
	static AuditFilter parse(String type, String username, String from, String to) {
		String t = type == null ? "" : type.trim();
		if (!t.isEmpty() && !SecurityEventType.isKnown(t)) {
			throw InvalidFields.of("type", "error.eventType");
		}
		String u = username == null ? "" : username.trim();
		if (u.length() > 64 || !TextRules.isPlain(u)) {
			throw InvalidFields.of("username", "error.searchText");
		}
		LocalDate fromDate = date("from", from);
		LocalDate toDate = date("to", to);
		if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
			throw InvalidFields.of("to", "error.dateOrder");
		}
		return new AuditFilter(t, u.toLowerCase(java.util.Locale.ROOT),
				fromDate == null ? EARLIEST : fromDate.atStartOfDay(CHINA).toInstant(),
				toDate == null ? LATEST : toDate.plusDays(1).atStartOfDay(CHINA).toInstant(), fromDate, toDate);
	}

	private static LocalDate date(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.length() > 10) {
			throw InvalidFields.of(field, "error.date");
		}
		try {
			LocalDate date = LocalDate.parse(value.trim());
			if (date.getYear() < 2000 || date.getYear() > 9000) {
				throw InvalidFields.of(field, "error.date");
			}
			return date;
		}
		catch (DateTimeParseException ex) {
			throw InvalidFields.of(field, "error.date");
		}
	}
}
