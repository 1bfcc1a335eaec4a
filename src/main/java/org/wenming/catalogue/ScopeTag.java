package org.wenming.catalogue;

/** Where an item can be handled beyond the office that offers it. */
public enum ScopeTag {

	/** 同城通办: at any office of the city. */
	CITY_WIDE,
	/** 佛肇通办: in Foshan as in Zhaoqing. */
	FOSHAN_ZHAOQING,
	/** 跨省通办: across provinces. */
	CROSS_PROVINCE;

	public String messageKey() {
		return "catalogue.scope." + name();
	}

	/** The tag of a code, or null when there is none such. */
	public static ScopeTag of(String code) {
		for (ScopeTag tag : values()) {
			if (tag.name().equals(code)) {
				return tag;
			}
		}
		return null;
	}
}
