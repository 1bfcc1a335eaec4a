package org.wenming.casework;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A case as staff and APIs read it. The reporter's contact appears only masked.
 */
public record CaseView(long id, String caseNumber, CaseSource source, String categoryCode, CaseStatus status,
		String description, String address, BigDecimal latitude, BigDecimal longitude, String regionCode,
		String regionPath, String reporterName, String reporterContactMasked, OffsetDateTime reportedAt,
		String reportedBy, OffsetDateTime registeredAt, Long unitId, OffsetDateTime dispatchedAt, OffsetDateTime dueAt,
		OffsetDateTime fixSubmittedAt, OffsetDateTime closedAt, Boolean closedOnTime, int reworkCount,
		int escalationLevel, Long mergedIntoId, Integer rating, String ratingComment, OffsetDateTime updatedAt,
		int version) {
}
