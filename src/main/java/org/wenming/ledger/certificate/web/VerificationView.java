package org.wenming.ledger.certificate.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.wenming.ledger.CertificateLine;
import org.wenming.ledger.certificate.ServiceFigures;
import org.wenming.ledger.certificate.TypeHours;
import org.wenming.ledger.certificate.Verification;

/** The public verification page: genuine and matching, genuine but changed since, or unknown ({@code verification} null). */
public record VerificationView(Verification verification, List<CertificateLine> lines) {

	public VerificationView {
		lines = lines == null ? List.of() : List.copyOf(lines);
	}

	public boolean known() {
		return verification != null;
	}

	public boolean matches() {
		return verification != null && verification.matches();
	}

	/** Per activity type, the hours as printed beside the hours now (a type may be in only one of them). */
	public List<Row> rows() {
		Map<String, Row> rows = new TreeMap<>();
		for (TypeHours t : verification.certificate().figures().byType()) {
			rows.put(t.activityType(), new Row(t.messageKey(), hours(t), "0.0", t.records(), 0));
		}
		for (TypeHours t : verification.current().byType()) {
			Row printed = rows.get(t.activityType());
			rows.put(t.activityType(), printed == null ? new Row(t.messageKey(), "0.0", hours(t), 0, t.records())
					: new Row(t.messageKey(), printed.printedHours(), hours(t), printed.printedRecords(), t.records()));
		}
		return new ArrayList<>(rows.values());
	}

	public String printedTotal() {
		return ServiceFigures.hours(verification.certificate().figures().totalHours());
	}

	public String currentTotal() {
		return ServiceFigures.hours(verification.current().totalHours());
	}

	private static String hours(TypeHours t) {
		return ServiceFigures.hours(t.hours());
	}

	public record Row(String typeKey, String printedHours, String currentHours, int printedRecords,
			int currentRecords) {

		public boolean changed() {
			return !printedHours.equals(currentHours) || printedRecords != currentRecords;
		}
	}
}
