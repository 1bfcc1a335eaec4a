package org.wenming.casework;

import java.time.OffsetDateTime;

/**
 * A case moved from one status to another (also its first report: {@code from} is null). Published
 * in the transaction that made the change, for the dashboards' counters.
 *
 * @param closedOnTime for a closure: whether it closed by its due time; otherwise null
 */
public record CaseStatusChanged(long caseId, String categoryCode, String regionPath, Long unitId, CaseStatus from,
		CaseStatus to, OffsetDateTime at, Boolean closedOnTime) {
}
