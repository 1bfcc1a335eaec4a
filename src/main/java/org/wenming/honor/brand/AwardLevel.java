package org.wenming.honor.brand;

/** Who gave an award; names in {@code honor.brand.level.CODE}. */
public enum AwardLevel {
	CITY, PROVINCE, NATION;

	public String messageKey() {
		return "honor.brand.level." + name();
	}
}
