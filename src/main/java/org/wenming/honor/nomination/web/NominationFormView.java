package org.wenming.honor.nomination.web;

import java.util.List;
import java.util.Map;

import org.wenming.honor.HonorCategory;
import org.wenming.platform.FormErrors;
import org.wenming.region.RegionChoice;

/**
 * The nomination form as shown: what was entered (kept after a refusal), each field's error, the region
 * picker, and whether staff enter it on someone's behalf (then the unit nominator kind is offered).
 */
public record NominationFormView(Map<String, String> values, FormErrors errors, RegionChoice region, boolean staff,
		String action, String notice, long maxEvidence) {

	public List<HonorCategory> categories() {
		return List.of(HonorCategory.values());
	}

	public String value(String field) {
		String value = values.get(field);
		return value == null ? "" : value;
	}

	public boolean is(String field, String option) {
		return option.equals(value(field));
	}

	public boolean hasError(String field) {
		return errors.has(field);
	}

	public String error(String field) {
		return errors.get(field);
	}

	public String describedBy(String field) {
		return errors.describedBy(field, null);
	}
}
