package org.wenming.ledger.certificate.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.wenming.ledger.certificate.IssuedCertificate;
import org.wenming.ledger.certificate.ServiceFigures;

/** The volunteer's certificate page: the period form (with its errors) and the certificates issued so far. */
public record MyCertificatesView(boolean volunteer, List<IssuedCertificate> issued, String from, String to,
		Map<String, String> errors, LocalDate today) {

	public boolean hasError(String field) {
		return errors.containsKey(field);
	}

	public String error(String field) {
		return errors.get(field);
	}

	public boolean anyError() {
		return !errors.isEmpty();
	}

	public String describedBy(String field, String hint) {
		String ids = (hint == null ? "" : hint) + (hasError(field) ? " " + field + "-error" : "");
		return ids.isBlank() ? null : ids.strip();
	}

	/** The form echoes dates only: other text was refused and is not shown again. */
	public String value(String text) {
		return text != null && text.matches("\\d{4}-\\d{2}-\\d{2}") ? text : "";
	}

	public String hours(IssuedCertificate c) {
		return ServiceFigures.hours(c.figures().totalHours());
	}
}
