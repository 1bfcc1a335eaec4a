package org.wenming.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A volunteer's request: 更正 of one of their records ({@code recordSeq} and the right hours), or
 * 补录 of a missing one (no seq; the team that organized it, title, day, times and hours).
 */
public record CorrectionDraft(Long recordSeq, BigDecimal hours, String reason, Long teamId, String activityTitle,
		LocalDate day, LocalTime start, LocalTime end) {

	public boolean missingRecord() {
		return recordSeq == null;
	}
}
