package org.wenming.training.internal;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;
import org.wenming.shared.CertificateLine;
import org.wenming.shared.CertificateLines;
import org.wenming.training.CompletedCourse;
import org.wenming.training.Trainings;

/**
 * The volunteer's completed trainings on their service certificates, when they asked for it on their training
 * page: title, provider and hours, here or (marked by the provider as recorded) from another system.
 */
@Component
class TrainingLines implements CertificateLines {

	private final Trainings trainings;

	TrainingLines(Trainings trainings) {
		this.trainings = trainings;
	}

	@Override
	public List<CertificateLine> forCertificate(long volunteerId, LocalDate upTo) {
		if (!trainings.onCertificates(volunteerId)) {
			return List.of();
		}
		return trainings.completedBy(volunteerId).stream().filter(c -> !c.completedOn().isAfter(upTo)).limit(PRINTED)
			.map(TrainingLines::line).toList();
	}

	private static CertificateLine line(CompletedCourse c) {
		return new CertificateLine(CertificateLine.Kind.TRAINING, c.title(), c.provider(), "certificate.line.hours",
				c.hours().stripTrailingZeros().toPlainString(), c.completedOn());
	}
}
