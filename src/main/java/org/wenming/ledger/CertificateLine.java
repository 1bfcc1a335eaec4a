package org.wenming.ledger;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A line a service certificate carries beside the hours when the volunteer asks for it (issue 22): one of their
 * commendations or completed trainings. {@code detailKey} is a message key (the commendation's level, a training's
 * "{0} hours") read with {@code detailArgument}, so the line reads in the certificate's language; the title and
 * who gave it are as recorded.
 */
public record CertificateLine(Kind kind, String title, String by, String detailKey, String detailArgument, LocalDate on) {

	public enum Kind {
		AWARD, TRAINING
	}

	public CertificateLine {
		Objects.requireNonNull(kind);
		Objects.requireNonNull(title);
		Objects.requireNonNull(on);
		by = by == null ? "" : by;
	}

	/** The line as one canonical text: the same lines, the same certificate on a same-day download. */
	public String key() {
		return kind + "|" + title + "|" + by + "|" + detailKey + "|" + detailArgument + "|" + on;
	}
}
