package org.wenming.catalogue;

import java.util.List;

/**
 * An item as submitted (a form, a JSON body, a row of a workbook): text, checked by {@link Catalogue}.
 *
 * @param scopes scope tag codes
 * @param partners partner regions
 * @param timeLimitDays working days, as text (blank: none stated)
 */
public record CatalogueDraft(String code, String name, String department, String level, String regionCode,
		String howToApply, String onlineLink, String materials, String timeLimitDays, String fee, List<String> scopes,
		List<String> partners) {

	public CatalogueDraft {
		scopes = scopes == null ? List.of() : scopes.stream().filter(s -> s != null && !s.isBlank()).map(String::strip)
				.distinct().toList();
		partners = partners == null ? List.of() : partners.stream().filter(s -> s != null && !s.isBlank())
				.map(String::strip).distinct().toList();
	}

	static String strip(String s) {
		return s == null ? "" : s.strip();
	}
}
