package org.wenming.servicedesk.web;

import java.util.List;
import java.util.Map;

import org.wenming.platform.FormErrors;
import org.wenming.region.RegionChoice;
import org.wenming.servicedesk.menu.MenuItem;
import org.wenming.servicedesk.menu.ServiceCategory;

/**
 * The order form (我要点单): few fields, the village by region choice; a code field for someone without an
 * account; a channel choice for staff on a resident's behalf.
 *
 * @param item the item ordered, or null for a wish
 * @param notice a message key shown at the top (the code sent, a limit reached), or null
 */
public record OrderFormView(MenuItem item, Map<String, String> values, FormErrors errors, RegionChoice region,
		List<ServiceCategory> categories, boolean anonymous, boolean staff, String notice) {

	public String value(String field) {
		String value = values.get(field);
		return value == null ? "" : value;
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
