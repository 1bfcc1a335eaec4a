package org.wenming.volunteer.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.wenming.platform.FormErrors;
import org.wenming.volunteer.Skill;
import org.wenming.volunteer.Volunteer;

/** The volunteer's own page. */
public record MyVolunteerView(Volunteer volunteer, ProfileForm form, FormErrors errors, List<Skill> skills,
		String notice, LocalDate today, boolean showPublicly) {

	public String skillNames(Locale locale) {
		return VolunteerDetailView.skillNames(volunteer.skills(), skills, locale);
	}

	public boolean minor() {
		return volunteer.minor(today);
	}
}
