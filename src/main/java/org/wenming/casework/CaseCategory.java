package org.wenming.casework;

/**
 * A node of the category tree: a group (no deadline) or a leaf a case is filed under.
 *
 * @param deadlineAmount with {@code deadlineUnit} the default time to fix, counted on the working-day calendar
 */
public record CaseCategory(String code, String parentCode, String nameZh, String nameEn, String descriptionZh,
		String descriptionEn, Integer deadlineAmount, DeadlineUnit deadlineUnit, int sortOrder, boolean active) {

	public enum DeadlineUnit {
		WORKING_DAYS, WORKING_HOURS
	}

	public boolean leaf() {
		return deadlineUnit != null;
	}

	public String name(java.util.Locale locale) {
		return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
	}

	public String description(java.util.Locale locale) {
		return "zh".equals(locale.getLanguage()) ? descriptionZh : descriptionEn;
	}
}
