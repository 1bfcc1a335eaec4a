package org.wenming.servicedesk.menu;

/**
 * A category of service with its stage limits in working time (V46 {@code service_category}); its name
 * is in the bundles as {@code servicedesk.category.CODE}.
 *
 * @param acceptUnit {@code WORKING_HOURS} or {@code WORKING_DAYS}
 */
public record ServiceCategory(String code, int position, int acceptWithin, String acceptUnit, int serveWithin,
		String serveUnit) {

	public String nameKey() {
		return "servicedesk.category." + code;
	}
}
