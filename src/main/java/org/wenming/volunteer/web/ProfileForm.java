package org.wenming.volunteer.web;

import java.util.List;

import org.wenming.volunteer.Volunteer;

/**
 * The own-page edit form as submitted. The phone field starts empty (the stored number is shown
 * masked only), so a volunteer re-types it to keep or change it.
 */
public record ProfileForm(String phone, String availability, List<String> skills, String emergencyName,
		String emergencyPhone, String version) {

	static ProfileForm of(Volunteer volunteer) {
		return new ProfileForm("", volunteer.availability(), volunteer.skills(), volunteer.emergencyName(), "",
				String.valueOf(volunteer.version()));
	}

	int versionOrInvalid() {
		return version != null && version.matches("\\d{1,9}") ? Integer.parseInt(version) : -1;
	}

	public String value(String text) {
		return text == null ? "" : text;
	}

	public boolean hasSkill(String code) {
		return skills != null && skills.contains(code);
	}
}
