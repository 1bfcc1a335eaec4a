package org.wenming.assessment.framework;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

import org.wenming.assessment.PlaceType;

/**
 * A framework version as the list shows it, with its counts.
 *
 * @param byType criteria and full marks per place type (every type present, zero when it has none)
 * @param rounds how many rounds use this version (a draft never has any)
 */
public record FrameworkSummary(long id, String name, int version, FrameworkStatus status, String description,
		Long basedOnId, String createdBy, OffsetDateTime createdAt, String publishedBy, OffsetDateTime publishedAt,
		int items, int criteria, Map<PlaceType, TypeTotal> byType, int rounds) {

	public boolean draft() {
		return status == FrameworkStatus.DRAFT;
	}

	/** Criteria of one place type and the marks they add up to. */
	public record TypeTotal(int criteria, BigDecimal fullMarks) {
	}
}
