package org.wenming.commendation.internal;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;
import org.wenming.commendation.Commendation;
import org.wenming.commendation.Commendations;
import org.wenming.ledger.CertificateLine;
import org.wenming.ledger.CertificateLines;

/**
 * The volunteer's commendations on their service certificates, when they asked for it on their commendations
 * page: recorded ones with issuer and level, the honours' good people with the honour's name.
 */
@Component
class CommendationLines implements CertificateLines {

	private final Commendations commendations;

	CommendationLines(Commendations commendations) {
		this.commendations = commendations;
	}

	@Override
	public List<CertificateLine> forCertificate(long volunteerId, LocalDate upTo) {
		if (!commendations.onCertificates(volunteerId)) {
			return List.of();
		}
		return commendations.ofVolunteer(volunteerId).stream().filter(c -> !c.awardedOn().isAfter(upTo))
			.limit(PRINTED).map(CommendationLines::line).toList();
	}

	private static CertificateLine line(Commendation c) {
		return c.fromHonours()
				? new CertificateLine(CertificateLine.Kind.AWARD, c.title(), "", "commendation.honour." + c.honour(), null,
						c.awardedOn())
				: new CertificateLine(CertificateLine.Kind.AWARD, c.title(), c.issuer(), c.level().messageKey(), null,
						c.awardedOn());
	}
}
