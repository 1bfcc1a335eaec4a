package org.wenming.volunteer;

import java.util.Locale;

/** One entry of the skills dictionary. */
public record Skill(String code, String nameZh, String nameEn) {

	public String name(Locale locale) {
		return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
	}
}
