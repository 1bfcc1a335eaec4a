package org.wenming.servicedesk.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.wenming.platform.FormErrors;
import org.wenming.servicedesk.menu.MenuItem;
import org.wenming.servicedesk.menu.MenuItemDraft;

/** A menu item's form fields as submitted, turned into a draft (numbers that are not numbers are field errors). */
record MenuInput(String name, String category, String description, String eligibility, String leadDays, String teamId,
		String atHome) {

	static MenuInput of(MenuItem item) {
		return new MenuInput(item.name(), item.category(), item.description(), item.eligibility(),
				item.leadDays() == null ? null : item.leadDays().toString(),
				item.teamId() == null ? null : item.teamId().toString(), String.valueOf(item.atHome()));
	}

	Map<String, String> values() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("name", name);
		values.put("category", category);
		values.put("description", description);
		values.put("eligibility", eligibility);
		values.put("leadDays", leadDays);
		values.put("teamId", teamId);
		values.put("atHome", "true".equals(atHome) ? "true" : "false");
		return values;
	}

	/** The draft, with number fields that do not parse reported in {@code errors}. */
	MenuItemDraft draft(FormErrors errors) {
		Integer lead = null;
		if (leadDays != null && !leadDays.isBlank()) {
			if (leadDays.strip().matches("\\d{1,3}")) {
				lead = Integer.valueOf(leadDays.strip());
			}
			else {
				errors.add("leadDays", "servicedesk.menu.error.leadDaysRange");
			}
		}
		Long team = null;
		if (teamId != null && !teamId.isBlank()) {
			if (teamId.strip().matches("\\d{1,18}")) {
				team = Long.valueOf(teamId.strip());
			}
			else {
				errors.add("teamId", "servicedesk.menu.error.teamUnknown");
			}
		}
		return new MenuItemDraft(name, category, description, eligibility, lead, team, "true".equals(atHome));
	}
}
