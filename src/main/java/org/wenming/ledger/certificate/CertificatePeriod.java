package org.wenming.ledger.certificate;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.wenming.region.FieldProblem;

/** The days a certificate covers, both inclusive, in the city's time zone; {@code from} null: from the first record. */
public record CertificatePeriod(LocalDate from, LocalDate to) {

	/** Nothing older can be on the ledger (the first volunteer records in the city's system). */
	public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

	/**
	 * The period from form or query text ({@code yyyy-MM-dd}); absent {@code to} is today.
	 *
	 * @throws CertificateRefusedException naming {@code from} or {@code to}
	 */
	public static CertificatePeriod parse(String from, String to, LocalDate today) {
		List<FieldProblem> problems = new ArrayList<>();
		LocalDate start = date("from", from, problems);
		LocalDate end = date("to", to, problems);
		if (end == null && problems.stream().noneMatch(p -> p.field().equals("to"))) {
			end = today;
		}
		if (start != null && start.isBefore(EARLIEST)) {
			problems.add(new FieldProblem("from", "certificate.error.tooEarly"));
		}
		if (end != null && end.isAfter(today)) {
			problems.add(new FieldProblem("to", "certificate.error.future"));
		}
		if (end != null && end.isBefore(EARLIEST)) {
			problems.add(new FieldProblem("to", "certificate.error.tooEarly"));
		}
		if (problems.isEmpty() && start != null && start.isAfter(end)) {
			problems.add(new FieldProblem("to", "certificate.error.order"));
		}
		if (!problems.isEmpty()) {
			throw new CertificateRefusedException(problems);
		}
		return new CertificatePeriod(start, end);
	}

	private static LocalDate date(String field, String text, List<FieldProblem> problems) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String value = text.strip();
		if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) {
			problems.add(new FieldProblem(field, "certificate.error.date"));
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			problems.add(new FieldProblem(field, "certificate.error.date"));
			return null;
		}
	}
}
