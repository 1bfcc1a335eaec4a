package org.wenming.assessment.observation.web;

import java.math.BigDecimal;
import java.util.Map;

import org.wenming.assessment.ScoringRule;
import org.wenming.assessment.observation.Checklists;
import org.wenming.assessment.observation.Criterion;

/**
 * The checklist page's model: the checklist, and the values and errors of a form sent back (a refused
 * form shows what the inspector entered, not what was stored).
 *
 * @param values the form as posted, or empty
 * @param errors refused field ({@code c17.shortfalls}, {@code photo}) to message key
 * @param key a fresh idempotency key for this rendering of the form
 */
public record ChecklistView(Checklists.Checklist checklist, Map<String, String> values, Map<String, String> errors,
		String notice, String key) {

	/** What the value field shows: the posted value, else the recorded one, else empty. */
	public String value(Criterion c) {
		if (!values.isEmpty()) {
			return values.getOrDefault("v" + c.id(), "");
		}
		Checklists.Observed o = checklist.recorded().get(c.id());
		if (o == null) {
			return "";
		}
		return switch (c.rule()) {
			case PASS_FAIL -> Boolean.TRUE.equals(o.passed()) ? "pass" : "fail";
			case DEDUCTION -> String.valueOf(o.shortfalls());
			case COUNT_TARGET -> String.valueOf(o.counted());
		};
	}

	/** The stepper's starting number: the value, or zero shortfalls / nothing counted yet. */
	public String stepperValue(Criterion c) {
		return value(c);
	}

	public String note(Criterion c) {
		if (!values.isEmpty()) {
			return values.getOrDefault("n" + c.id(), "");
		}
		Checklists.Observed o = checklist.recorded().get(c.id());
		return o == null || o.note() == null ? "" : o.note();
	}

	/** The message key of the error about this criterion, or null. */
	public String error(Criterion c) {
		String prefix = "c" + c.id() + ".";
		return errors.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
				.findFirst().orElse(null);
	}

	/** An error about the form as a whole (not one criterion), or null. */
	public String formError() {
		return errors.entrySet().stream().filter(e -> !e.getKey().matches("c\\d+\\..*") && !e.getKey().equals("photo")
				&& !e.getKey().equals("criterionId")).map(Map.Entry::getValue).findFirst().orElse(null);
	}

	public String photoError() {
		return errors.getOrDefault("photo", errors.get("criterionId"));
	}

	public Checklists.Observed recorded(Criterion c) {
		return checklist.recorded().get(c.id());
	}

	public boolean recordedAny() {
		return !checklist.recorded().isEmpty();
	}

	public boolean farAny() {
		return checklist.recorded().values().stream().anyMatch(Checklists.Observed::farFromPlace);
	}

	public Integer distance() {
		return checklist.recorded().values().stream().map(Checklists.Observed::distanceM)
				.filter(java.util.Objects::nonNull).findFirst().orElse(null);
	}

	public int recordedCount() {
		return checklist.recorded().size();
	}

	public boolean isPassFail(Criterion c) {
		return c.rule() == ScoringRule.PASS_FAIL;
	}

	public boolean isDeduction(Criterion c) {
		return c.rule() == ScoringRule.DEDUCTION;
	}

	/** Marks shown beside a criterion before the script recomputes them live. */
	public String marks(Criterion c) {
		Checklists.Observed o = recorded(c);
		return o == null ? "–" : plain(o.marks());
	}

	public static String plain(BigDecimal number) {
		return number == null ? "" : number.stripTrailingZeros().toPlainString();
	}

	public String apiBase() {
		return "/api/v1/assessment/inspect/rounds/" + checklist.place().roundId() + "/places/"
				+ checklist.place().placeId();
	}

	public String pageBase() {
		return "/inspect/rounds/" + checklist.place().roundId() + "/places/" + checklist.place().placeId();
	}
}
