package org.wenming.region.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wenming.region.FieldProblem;
import org.wenming.region.PracticeSite;
import org.wenming.region.SiteKind;

/**
 * The add or edit page: the form's values, the message key of each field's error, and whether the
 * edit lost a race with someone else's.
 *
 * @param site the site being edited, or null when adding one
 */
public record SiteFormView(PracticeSite site, SiteForm form, Map<String, String> errors, boolean stale) {

	static SiteFormView of(PracticeSite site, SiteForm form, List<FieldProblem> problems, boolean stale) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (FieldProblem problem : problems) {
			errors.putIfAbsent(problem.field(), problem.messageKey());
		}
		return new SiteFormView(site, form, errors, stale);
	}

	public boolean creating() {
		return site == null;
	}

	public String action() {
		return creating() ? "/admin/sites/new" : "/admin/sites/" + site.id() + "/edit";
	}

	public List<SiteKind> kinds() {
		return List.of(SiteKind.values());
	}

	public boolean hasError(String field) {
		return errors.containsKey(field);
	}

	public String error(String field) {
		return errors.get(field);
	}

	public boolean kindSelected(SiteKind kind) {
		return kind.name().equals(form.kind());
	}

	/** The aria-describedby of a field: its error when it has one, else its hint (may be null). */
	public String describedBy(String field, String hintId) {
		return hasError(field) ? field + "-error" : hintId;
	}
}
