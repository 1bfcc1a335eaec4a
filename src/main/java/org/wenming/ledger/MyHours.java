package org.wenming.ledger;

import java.util.List;

/** A volunteer's own page: totals, star, the latest records and their correction requests. */
public record MyHours(String volunteerNumber, HoursTotals totals, List<RecordRow> records,
		List<CorrectionRequest> corrections) {
}
