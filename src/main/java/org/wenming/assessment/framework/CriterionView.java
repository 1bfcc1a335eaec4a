package org.wenming.assessment.framework;

import java.math.BigDecimal;

import org.wenming.assessment.PlaceType;
import org.wenming.assessment.Scoring;

/**
 * 测评标准: one check at one type of place, as the other parts of the module read it.
 *
 * @param frameworkId the framework version it belongs to
 * @param rule the scoring rule with its full marks, deduction and target ({@link Scoring#marks})
 * @param caseCategory casework's category a failed check is handed over in
 * @param position its place in the checklist of its place type
 */
public record CriterionView(long id, long frameworkId, String code, String itemCode, String itemName,
		PlaceType placeType, String text, Scoring.Rule rule, String caseCategory, int position) {

	public BigDecimal fullMarks() {
		return rule.fullMarks();
	}
}
