package org.wenming.ledger;

import java.time.LocalDate;
import java.util.List;

/**
 * What another module puts on a volunteer's service certificate besides the hours (issue 22): the commendation
 * module the volunteer's commendations, the training module their completed trainings. A module answers only
 * what the volunteer asked to have printed, dated up to the period's end, newest first; the certificate prints
 * the first {@link #PRINTED} of each kind and records them as printed.
 */
public interface CertificateLines {

	/** The lines of one kind a certificate prints at most (the page has room for the hours table and these). */
	int PRINTED = 5;

	List<CertificateLine> forCertificate(long volunteerId, LocalDate upTo);
}
