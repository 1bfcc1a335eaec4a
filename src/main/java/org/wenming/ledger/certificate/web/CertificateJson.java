package org.wenming.ledger.certificate.web;

import java.time.LocalDate;
import java.util.List;

import org.wenming.ledger.certificate.IssuedCertificate;
import org.wenming.ledger.certificate.ServiceFigures;
import org.wenming.ledger.certificate.Verification;

/** A certificate's verification as open data: the masked name and volunteer number, never an ID number. */
record CertificateJson(String number, String status, boolean genuine, boolean matchesLedger, String volunteerName,
		String volunteerNumber, LocalDate periodFrom, LocalDate periodTo, String issuer, LocalDate issuedOn,
		Figures printed, Figures current, TransparencyJson transparency) {

	static final String MATCHES = "MATCHES";

	static final String NO_LONGER_MATCHES = "NO_LONGER_MATCHES";

	static CertificateJson of(Verification v, TransparencyJson transparency) {
		IssuedCertificate c = v.certificate();
		return new CertificateJson(c.number(), v.matches() ? MATCHES : NO_LONGER_MATCHES, true, v.matches(),
				c.nameMasked(), c.volunteerNumber(), c.periodFrom(), c.periodTo(), c.issuer(), c.issuedOn(),
				Figures.of(c.figures()), Figures.of(v.current()), transparency);
	}

	record Figures(String totalHours, int records, List<Type> byType) {

		static Figures of(ServiceFigures f) {
			return new Figures(ServiceFigures.hours(f.totalHours()), f.records(), f.byType().stream()
					.map(t -> new Type(t.activityType(), ServiceFigures.hours(t.hours()), t.records())).toList());
		}
	}

	record Type(String activityType, String hours, int records) {
	}
}
