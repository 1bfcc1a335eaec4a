package org.wenming.servicedesk.menu;

/** What staff submit for a menu item (a new one, or an edit). Blank texts count as absent. */
public record MenuItemDraft(String name, String category, String description, String eligibility, Integer leadDays,
		Long teamId, boolean atHome) {

	/** The same with texts trimmed and blank optional texts made null. */
	public MenuItemDraft trimmed() {
		return new MenuItemDraft(trim(name), trim(category), description == null ? "" : description.strip(),
				blankToNull(eligibility), leadDays, teamId, atHome);
	}

	private static String trim(String text) {
		return text == null ? null : text.strip();
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}
}
