package org.wenming.assessment.framework;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.wenming.assessment.PlaceType;

/** One framework version whole: its items, and its criteria per place type in checklist order. */
public record FrameworkView(FrameworkSummary summary, List<ItemView> items, Map<PlaceType, List<CriterionView>> criteria) {

	public List<CriterionView> criteria(PlaceType type) {
		return criteria.getOrDefault(type, List.of());
	}

	public BigDecimal fullMarks(PlaceType type) {
		return criteria(type).stream().map(CriterionView::fullMarks).reduce(BigDecimal.ZERO, BigDecimal::add);
	}
}
