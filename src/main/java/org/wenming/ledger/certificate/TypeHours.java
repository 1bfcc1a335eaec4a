package org.wenming.ledger.certificate;

import java.math.BigDecimal;

/** Hours and records of one activity type ({@code org.wenming.activity.ActivityType} name) in a period. */
public record TypeHours(String activityType, BigDecimal hours, int records) {

	public String messageKey() {
		return "activity.type." + activityType;
	}
}
