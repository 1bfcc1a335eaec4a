package org.wenming.casework.citizen;

import java.util.Map;

import org.wenming.platform.FormErrors;
import org.wenming.casework.CaseCategory;

/**
 * The follow page of a case.
 *
 * @param base the path the page's photo links and rating form hang from ({@code /cases/follow/<token>} or
 *     {@code /me/cases/<number>})
 * @param followUrl the full follow link to show once, right after the report; null otherwise
 */
public record FollowPage(Progress progress, Map<String, CaseCategory> categories, String base,
		String followUrl, FormErrors errors, String ratingValue, String commentValue, boolean justRated) {

	public String categoryName(java.util.Locale locale) {
		CaseCategory category = categories.get(progress.categoryCode());
		return category == null ? progress.categoryCode() : category.name(locale);
	}
}
