package org.wenming.ledger.certificate;

/**
 * A genuine certificate checked against the ledger now: the figures recomputed for the same
 * volunteer and period, including corrections appended since it was issued.
 */
public record Verification(IssuedCertificate certificate, ServiceFigures current) {

	public boolean matches() {
		return certificate.figures().sameAs(current);
	}
}
