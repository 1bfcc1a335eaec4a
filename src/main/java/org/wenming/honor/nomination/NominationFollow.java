package org.wenming.honor.nomination;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the nominator's private link shows: the nomination as submitted (numbers masked), its status and each
 * office's public outcome (a reason only with a return or a rejection).
 */
public record NominationFollow(long id, String number, String status, String category, String kind,
		String nomineeName, String nomineeIdMasked, String regionName, String title, String story, String quarter,
		String vettingLevel, OffsetDateTime submittedAt, int evidenceCount, List<Step> steps) {

	/** One office's decision. */
	public record Step(String level, String decision, String reason, OffsetDateTime decidedAt) {

		public String levelKey() {
			return "honor.level." + level;
		}

		public String decisionKey() {
			return "honor.nomination.decision." + decision;
		}
	}

	public String statusKey() {
		return "honor.status." + status;
	}

	public String categoryKey() {
		return "honor.category." + category;
	}

	public boolean returned() {
		return "RETURNED".equals(status);
	}

	/** The nominator may still withdraw it (any state before publication that is not final). */
	public boolean withdrawable() {
		return switch (status) {
			case "SUBMITTED", "RETURNED", "SHORTLISTED", "IN_NOTICE", "REVIEW" -> true;
			default -> false;
		};
	}
}
