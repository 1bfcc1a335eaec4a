package org.wenming.assessment.framework;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.wenming.assessment.PlaceType;
import org.wenming.assessment.Scoring;
import org.wenming.assessment.ScoringRule;
import org.wenming.assessment.framework.FrameworkRefusedException.Problem;

/**
 * The rules a criterion and an item must meet, pure (the callers pass what they looked up): every
 * problem found, not only the first, so an import row reports all its faulty columns at once.
 */
public final class CriterionRules {

	static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	static final BigDecimal MAX_MARKS = new BigDecimal("9999.99");

	static final int MAX_TARGET = 10_000;

	private CriterionRules() {
	}

	/** A checked criterion, ready to store. */
	public record Checked(String itemCode, PlaceType placeType, String code, String text, Scoring.Rule rule,
			String caseCategory) {
	}

	/**
	 * @param itemCodes the codes of the framework's items
	 * @param placeTypes every accepted name of each place type (enum name, Chinese names) to the type
	 * @param leafCategory whether a code is a leaf category of casework that is in use
	 * @param problems where the problems go
	 * @return the criterion, or null when any problem was found
	 */
	public static Checked check(CriterionDraft draft, Set<String> itemCodes, Map<String, PlaceType> placeTypes,
			Predicate<String> leafCategory, List<Problem> problems) {
		int before = problems.size();
		String itemCode = strip(draft.itemCode());
		if (itemCode.isEmpty()) {
			problems.add(new Problem("itemCode", "assessment.framework.error.itemCode.required"));
		}
		else if (!itemCodes.contains(itemCode)) {
			problems.add(new Problem("itemCode", "assessment.framework.error.itemCode.unknown"));
		}
		PlaceType type = placeTypes.get(strip(draft.placeType()));
		if (type == null) {
			problems.add(new Problem("placeType", "assessment.framework.error.placeType"));
		}
		String code = strip(draft.code());
		if (!code(code)) {
			problems.add(new Problem("code", "assessment.framework.error.criterionCode"));
		}
		String text = strip(draft.text());
		if (!text(text, 500)) {
			problems.add(new Problem("text", "assessment.framework.error.text"));
		}
		BigDecimal fullMarks = draft.fullMarks();
		boolean marksOk = marks(fullMarks);
		if (!marksOk) {
			problems.add(new Problem("fullMarks", "assessment.framework.error.fullMarks"));
		}
		ScoringRule rule = rule(draft.rule());
		if (rule == null) {
			problems.add(new Problem("rule", "assessment.framework.error.rule"));
		}
		else {
			BigDecimal deduction = draft.deduction();
			if (rule == ScoringRule.PASS_FAIL) {
				if (deduction != null) {
					problems.add(new Problem("deduction", "assessment.framework.error.deduction.none"));
				}
			}
			else if (!marks(deduction) || (marksOk && deduction.compareTo(fullMarks) > 0)) {
				problems.add(new Problem("deduction", "assessment.framework.error.deduction"));
			}
			Integer target = draft.target();
			if (rule == ScoringRule.COUNT_TARGET) {
				if (target == null || target < 1 || target > MAX_TARGET) {
					problems.add(new Problem("target", "assessment.framework.error.target"));
				}
			}
			else if (target != null) {
				problems.add(new Problem("target", "assessment.framework.error.target.none"));
			}
		}
		String category = strip(draft.caseCategory());
		if (category.isEmpty() || category.length() > 32 || !leafCategory.test(category)) {
			problems.add(new Problem("caseCategory", "assessment.framework.error.caseCategory"));
		}
		if (problems.size() > before) {
			return null;
		}
		Scoring.Rule scoring = new Scoring.Rule(rule, fullMarks.setScale(2), rule == ScoringRule.PASS_FAIL ? null
				: draft.deduction().setScale(2), rule == ScoringRule.COUNT_TARGET ? draft.target() : null);
		return new Checked(itemCode, type, code, text, scoring, category);
	}

	/** An item's code and name; every problem found goes to {@code problems}. */
	public static void checkItem(String code, String name, List<Problem> problems) {
		if (!code(strip(code)) || strip(code).length() > 20) {
			problems.add(new Problem("code", "assessment.framework.error.itemCode"));
		}
		if (!text(strip(name), 100)) {
			problems.add(new Problem("name", "assessment.framework.error.itemName"));
		}
	}

	public static List<Problem> itemProblems(String code, String name) {
		List<Problem> problems = new ArrayList<>();
		checkItem(code, name, problems);
		return problems;
	}

	static boolean code(String code) {
		return !code.isEmpty() && code.length() <= 24 && CODE.matcher(code).matches();
	}

	/** 1 to {@code max} characters after stripping, without control characters. */
	static boolean text(String text, int max) {
		return !text.isEmpty() && text.codePointCount(0, text.length()) <= max
				&& text.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
	}

	/** Positive, at most two decimals, and within numeric(6, 2). */
	static boolean marks(BigDecimal value) {
		return value != null && value.signum() > 0 && value.stripTrailingZeros().scale() <= 2
				&& value.compareTo(MAX_MARKS) <= 0;
	}

	static ScoringRule rule(String value) {
		String rule = strip(value);
		for (ScoringRule r : ScoringRule.values()) {
			if (r.name().equals(rule)) {
				return r;
			}
		}
		return null;
	}

	static String strip(String value) {
		return value == null ? "" : value.strip();
	}
}
