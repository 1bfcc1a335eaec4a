package org.wenming.servicedesk.web;

import java.util.List;
import java.util.Map;

import org.wenming.platform.FormErrors;
import org.wenming.servicedesk.menu.MenuItem;
import org.wenming.servicedesk.menu.ServiceCategory;

/**
 * The new-item and edit forms of a site's menu.
 *
 * @param item the item being edited; null for a new one
 * @param values the submitted (or stored) texts by field
 */
public record MenuFormView(long siteId, String siteName, MenuItem item, Map<String, String> values, FormErrors errors,
		List<ServiceCategory> categories, boolean stale) {

	public boolean creating() {
		return item == null;
	}

	public String action() {
		return creating() ? "/admin/service/menu/new?site=" + siteId : "/admin/service/menu/" + item.id() + "/edit";
	}

	public String value(String field) {
		String value = values.get(field);
		return value == null ? "" : value;
	}

	public boolean checked(String field) {
		return "true".equals(values.get(field));
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
