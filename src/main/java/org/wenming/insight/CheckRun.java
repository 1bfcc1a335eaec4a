package org.wenming.insight;

import java.time.OffsetDateTime;

/**
 * One run of the check (aggregates against a recount).
 *
 * @param detail the first differences, one per line
 */
public record CheckRun(long id, OffsetDateTime startedAt, OffsetDateTime finishedAt, int differences, String detail,
		String runBy) {

	public boolean agree() {
		return differences == 0;
	}
}
