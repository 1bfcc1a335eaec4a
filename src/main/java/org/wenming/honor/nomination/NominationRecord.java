package org.wenming.honor.nomination;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A nomination as staff see it: every field, the numbers masked. */
public record NominationRecord(long id, String number, String category, String kind, String nomineeName,
		String nomineeIdMasked, boolean nomineeMinor, String nomineeMobileMasked, Long volunteerId, String regionCode,
		String regionName, String regionPath, LocalDate deedDate, String title, String story, String nominatorKind,
		String nominatorName, String nominatorUnit, String nominatorMobileMasked, String enteredBy, String quarter,
		String status, String vettingLevel, Long portraitEvidenceId, OffsetDateTime submittedAt,
		OffsetDateTime updatedAt, int version) {

	public String statusKey() {
		return "honor.status." + status;
	}

	public String categoryKey() {
		return "honor.category." + category;
	}

	public String levelKey() {
		return vettingLevel == null ? null : "honor.level." + vettingLevel;
	}

	public boolean person() {
		return "PERSON".equals(kind);
	}
}
