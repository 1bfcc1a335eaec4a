package org.wenming.assessment.framework;

import java.math.BigDecimal;

/**
 * A criterion as staff (or a workbook row) give it, before the rules check it.
 *
 * @param placeType the enum name or its Chinese name (主次干道)
 * @param rule PASS_FAIL, DEDUCTION or COUNT_TARGET
 * @param deduction per shortfall or missing item (DEDUCTION, COUNT_TARGET)
 * @param target the count to reach (COUNT_TARGET)
 * @param caseCategory a leaf category of casework
 */
public record CriterionDraft(String itemCode, String placeType, String code, String text, BigDecimal fullMarks,
		String rule, BigDecimal deduction, Integer target, String caseCategory) {
}
