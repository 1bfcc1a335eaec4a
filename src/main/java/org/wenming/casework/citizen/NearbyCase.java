package org.wenming.casework.citizen;

import java.time.OffsetDateTime;

import org.wenming.casework.CaseStatus;

/** A nearby open case as the public may see it: a possible duplicate of a report being written. */
public record NearbyCase(String caseNumber, String categoryCode, CaseStatus status, OffsetDateTime reportedAt,
		String place, int metres, String excerpt) {
}
