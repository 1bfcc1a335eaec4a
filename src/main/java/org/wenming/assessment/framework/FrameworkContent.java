package org.wenming.assessment.framework;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.wenming.assessment.PlaceType;
import org.wenming.assessment.framework.FrameworkRefusedException.Problem;

/**
 * A whole framework's items and criteria as a file gives them (a workbook, the shipped sample), checked
 * together: every row against the criterion rules, item codes and criterion codes unique, every
 * criterion's item present. All-or-nothing: the errors name sheet, row and column, and only a content
 * without any error is stored.
 */
public final class FrameworkContent {

	/** The columns a criterion row has, by the field each one fills (the header text is the workbook's). */
	public static final Map<String, String> CRITERION_COLUMNS = columns("itemCode", "项目编码", "placeType", "点位类型",
			"code", "标准编码", "text", "测评内容", "fullMarks", "分值", "rule", "计分规则", "deduction", "每处扣分", "target",
			"目标数量", "caseCategory", "案件类别");

	public static final Map<String, String> ITEM_COLUMNS = columns("code", "项目编码", "name", "项目名称");

	public static final String ITEMS_SHEET = "测评项目";

	public static final String CRITERIA_SHEET = "测评标准";

	public record ItemRow(long row, String code, String name) {
	}

	public record CriterionRow(long row, CriterionDraft draft) {
	}

	/** One refused cell: the sheet, the row as the file numbers it, the column's header and the rule broken. */
	public record RowError(String sheet, long row, String column, String messageKey) {
	}

	public record Checked(List<String[]> items, List<CriterionRules.Checked> criteria, List<RowError> errors) {

		public boolean ok() {
			return errors.isEmpty();
		}
	}

	private FrameworkContent() {
	}

	public static Checked check(List<ItemRow> items, List<CriterionRow> criteria, Map<String, PlaceType> placeTypes,
			Predicate<String> leafCategory) {
		List<RowError> errors = new ArrayList<>();
		List<String[]> checkedItems = new ArrayList<>();
		Set<String> itemCodes = new HashSet<>();
		for (ItemRow item : items) {
			List<Problem> problems = new ArrayList<>();
			CriterionRules.checkItem(item.code(), item.name(), problems);
			String code = CriterionRules.strip(item.code());
			if (problems.isEmpty() && !itemCodes.add(code)) {
				problems.add(new Problem("code", "assessment.framework.error.itemCodeTaken"));
			}
			problems.forEach(p -> errors.add(new RowError(ITEMS_SHEET, item.row(), ITEM_COLUMNS.get(p.field()), p.messageKey())));
			if (problems.isEmpty()) {
				checkedItems.add(new String[] { code, item.name().strip() });
			}
		}
		if (items.isEmpty()) {
			errors.add(new RowError(ITEMS_SHEET, 0, "", "assessment.framework.import.noItems"));
		}
		List<CriterionRules.Checked> checked = new ArrayList<>();
		Set<String> codes = new HashSet<>();
		for (CriterionRow row : criteria) {
			List<Problem> problems = new ArrayList<>();
			CriterionRules.Checked c = CriterionRules.check(row.draft(), itemCodes, placeTypes, leafCategory, problems);
			String code = CriterionRules.strip(row.draft().code());
			if (CriterionRules.code(code) && !codes.add(code)) {
				problems.add(new Problem("code", "assessment.framework.error.criterionCodeTaken"));
				c = null;
			}
			problems.forEach(p -> errors.add(new RowError(CRITERIA_SHEET, row.row(), CRITERION_COLUMNS.get(p.field()),
					p.messageKey())));
			if (c != null) {
				checked.add(c);
			}
		}
		if (criteria.isEmpty()) {
			errors.add(new RowError(CRITERIA_SHEET, 0, "", "assessment.framework.import.noCriteria"));
		}
		return new Checked(checkedItems, checked, errors);
	}

	private static Map<String, String> columns(String... pairs) {
		Map<String, String> columns = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			columns.put(pairs[i], pairs[i + 1]);
		}
		return java.util.Collections.unmodifiableMap(columns);
	}
}
