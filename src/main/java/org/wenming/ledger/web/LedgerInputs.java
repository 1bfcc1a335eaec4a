package org.wenming.ledger.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

import org.wenming.ledger.LedgerRefusedException;

/** Parses form and query text; a refusal names the field. ASCII digits only (full-width ones are refused). */
final class LedgerInputs {

	private LedgerInputs() {
	}

	static LocalDate date(String field, String value, boolean required) {
		if (value == null || value.isBlank()) {
			if (required) {
				throw new LedgerRefusedException(field, "ledger.error.required");
			}
			return null;
		}
		if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) {
			throw new LedgerRefusedException(field, "ledger.error.date");
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new LedgerRefusedException(field, "ledger.error.date");
		}
	}

	static LocalTime time(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new LedgerRefusedException(field, "ledger.error.required");
		}
		if (!value.matches("\\d{2}:\\d{2}")) {
			throw new LedgerRefusedException(field, "ledger.error.time");
		}
		try {
			return LocalTime.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new LedgerRefusedException(field, "ledger.error.time");
		}
	}

	static Long id(String field, String value, boolean required) {
		if (value == null || value.isBlank()) {
			if (required) {
				throw new LedgerRefusedException(field, "ledger.error.required");
			}
			return null;
		}
		if (!value.matches("[1-9]\\d{0,17}")) {
			throw new LedgerRefusedException(field, "ledger.error.id");
		}
		return Long.parseLong(value);
	}

	static BigDecimal hours(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new LedgerRefusedException(field, "ledger.error.required");
		}
		if (!value.strip().matches("\\d{1,2}(\\.\\d)?")) {
			throw new LedgerRefusedException(field, "ledger.error.hours");
		}
		return new BigDecimal(value.strip());
	}

	static String volunteerNumber(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		if (!text.matches("[A-Za-z0-9]{1,20}")) {
			throw new LedgerRefusedException(field, "ledger.error.volunteerNumber");
		}
		return text;
	}
}
