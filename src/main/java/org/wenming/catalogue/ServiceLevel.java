package org.wenming.catalogue;

/** The level of government that handles an item (事项层级). */
public enum ServiceLevel {

	PROVINCE, CITY, COUNTY, TOWN, VILLAGE;

	public String messageKey() {
		return "catalogue.level." + name();
	}

	/** The level of a code, or null when there is none such. */
	public static ServiceLevel of(String code) {
		for (ServiceLevel level : values()) {
			if (level.name().equals(code)) {
				return level;
			}
		}
		return null;
	}
}
