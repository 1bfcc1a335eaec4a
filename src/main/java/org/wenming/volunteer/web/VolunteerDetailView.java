package org.wenming.volunteer.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.wenming.platform.FormErrors;
import org.wenming.volunteer.Skill;
import org.wenming.volunteer.Volunteer;

/** A volunteer for staff (masked), with what the reveal form needs. */
public record VolunteerDetailView(Volunteer volunteer, List<Skill> skills, LocalDate today, boolean mayReveal,
		FormErrors errors, String reason) {

	public String skillNames(Locale locale) {
		return skillNames(volunteer.skills(), skills, locale);
	}

	public boolean minor() {
		return volunteer.minor(today);
	}

	public int age() {
		return volunteer.age(today);
	}

	static String skillNames(List<String> codes, List<Skill> dictionary, Locale locale) {
		return codes.stream().map(code -> dictionary.stream().filter(s -> s.code().equals(code)).findFirst()
				.map(s -> s.name(locale)).orElse(code)).collect(Collectors.joining(locale.getLanguage().equals("zh") ? "、" : ", "));
	}
}
