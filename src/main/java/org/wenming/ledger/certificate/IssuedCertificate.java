package org.wenming.ledger.certificate;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A certificate as issued and recorded: its number, whose it is (number and masked name only: the
 * public may see this), the period, the figures as printed, the issuer and the day of issue.
 */
public record IssuedCertificate(long id, String number, long volunteerId, String volunteerNumber, String nameMasked,
		LocalDate periodFrom, LocalDate periodTo, ServiceFigures figures, String issuer, LocalDate issuedOn,
		OffsetDateTime issuedAt) {

	/** From the first record on (all time up to {@link #periodTo}). */
	public boolean fromTheStart() {
		return periodFrom == null;
	}
}
