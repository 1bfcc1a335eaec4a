package org.wenming.volunteer.web;

import java.util.Locale;
import java.util.Set;

import org.wenming.platform.InvalidInputException;
import org.wenming.platform.Paging;
import org.wenming.volunteer.PersonalNumbers;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.VolunteerQuery;

/** Turns search parameters into a query, refusing each bad one by name (shared by page and API). */
final class SearchParameters {

	static final int TEXT_MAX = 30;

	private SearchParameters() {
	}

	static VolunteerQuery query(String q, String number, String phone4, String skill, String region, String team,
			String status, String sort, int page, int size, Set<String> skillCodes) {
		String text = Pages.normalised(q);
		if (text != null && (text.codePointCount(0, text.length()) > TEXT_MAX
				|| !text.matches("[\\p{IsHan}\\p{IsLatin}·]+"))) {
			throw new InvalidInputException("q", "must be up to 30 Chinese characters or letters: a name or pinyin initials");
		}
		String volunteerNumber = number == null || number.isBlank() ? null : PersonalNumbers.normalise(number);
		if (volunteerNumber != null && !volunteerNumber.matches("\\d{4}[A-Z0-9]{8}")) {
			throw new InvalidInputException("number", "must be a volunteer number: 4 digits and 8 letters or digits");
		}
		String last4 = phone4 == null || phone4.isBlank() ? null : PersonalNumbers.normalise(phone4);
		if (last4 != null && !last4.matches("\\d{4}")) {
			throw new InvalidInputException("phone4", "must be the last 4 digits of a mobile number");
		}
		String skillCode = Pages.normalised(skill);
		if (skillCode != null && !skillCodes.contains(skillCode)) {
			throw new InvalidInputException("skill", "is not a skill of the dictionary");
		}
		String regionCode = Pages.normalised(region);
		if (regionCode != null && !regionCode.matches("\\d{2,12}")) {
			throw new InvalidInputException("region", "must be a region code of 2 to 12 digits");
		}
		String teamText = Pages.normalised(team);
		if (teamText != null && !teamText.matches("[1-9]\\d{0,17}")) {
			throw new InvalidInputException("team", "must be a team number");
		}
		Long teamId = teamText == null ? null : Long.valueOf(teamText);
		Volunteer.Status statusFilter = null;
		if (status != null && !status.isBlank()) {
			try {
				statusFilter = Volunteer.Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("status", "must be ACTIVE or WITHDRAWN");
			}
		}
		VolunteerQuery.Sort order = VolunteerQuery.Sort.NAME;
		if (sort != null && !sort.isBlank()) {
			try {
				order = VolunteerQuery.Sort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("sort", "must be NAME, NUMBER or REGISTERED");
			}
		}
		return new VolunteerQuery(text, volunteerNumber, last4, skillCode, regionCode, teamId, statusFilter, order,
				Paging.page(page), Paging.size(size, VolunteerQuery.SIZE_MAX));
	}
}
