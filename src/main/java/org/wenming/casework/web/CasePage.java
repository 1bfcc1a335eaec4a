package org.wenming.casework.web;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.wenming.casework.CaseCategory;
import org.wenming.casework.CaseView;
import org.wenming.casework.internal.ResponsibleUnits;

/**
 * What the case page shows besides the case: the step refused (if any) with the field it names, the
 * values entered, and the units a dispatch may choose from.
 *
 * @param failedAction the step whose form shows the error ({@code null}: none)
 * @param field the field the error is about, or {@code null} for the form as a whole
 * @param messageKey the error's bundle key
 * @param place the case's region by name, from the county down (e.g. 端州区 城东街道 某社区)
 */
public record CasePage(CaseDesk.Detail detail, Map<String, CaseCategory> categories, List<ResponsibleUnits.Unit> units,
		String failedAction, String field, String messageKey, Map<String, String> values, String done, String place) {

	public CaseView view() {
		return detail.view();
	}

	public boolean may(String action) {
		return detail.may(action);
	}

	/** The error for a field of a step's form, or null. */
	public String error(String action, String fieldName) {
		return action.equals(failedAction) && fieldName.equals(field) ? messageKey : null;
	}

	/** An error of a step's form that names no field (a rule or a permission), or null. */
	public String formError(String action) {
		return action.equals(failedAction) && field == null ? messageKey : null;
	}

	/**
	 * An error for a step whose form is no longer on the page (the case moved on meanwhile): shown at
	 * the top of the page instead.
	 */
	public String orphanError() {
		if (failedAction == null || may(failedAction)) {
			return null;
		}
		boolean decideShown = "DECIDE".equals(failedAction) && may("DECIDE");
		return decideShown ? null : messageKey;
	}

	public String value(String action, String name) {
		return action.equals(failedAction) ? values.getOrDefault(name, "") : "";
	}

	public String category(String code, java.util.Locale locale) {
		CaseCategory c = categories.get(code);
		return c == null ? code : c.name(locale);
	}

	private static final java.util.Set<String> EVENTS = java.util.Set.of("REPORTED", "REGISTERED", "REJECTED",
			"DISPATCHED", "ACCEPTED", "FIX_SUBMITTED", "VERIFIED", "RETURNED", "EXTENSION_REQUESTED", "EXTENSION_APPROVED",
			"EXTENSION_DECLINED", "SUSPENSION_REQUESTED", "SUSPENDED", "SUSPENSION_DECLINED", "RESUMED", "REOPENED",
			"MERGED", "MERGED_IN", "ESCALATED");

	/** The bundle key naming a history entry; kinds other parts of the module add read "other". */
	public static String eventKey(String kind) {
		return "casework.event." + (EVENTS.contains(kind) ? kind : "OTHER");
	}

	public static ZonedDateTime local(OffsetDateTime time) {
		return time == null ? null : time.atZoneSameInstant(org.wenming.shared.CityTime.ZONE);
	}

	/** The id a field's error paragraph carries, for aria-describedby. */
	public String describedBy(String action, String fieldName) {
		return error(action, fieldName) == null ? null : action + "-" + fieldName + "-error";
	}
}
