package org.wenming.volunteer.web;

import java.util.List;

import org.wenming.volunteer.VolunteerDraft;

/**
 * The registration form exactly as submitted, so that whatever was typed can be shown again next
 * to its error. {@code username} and {@code password} are used by self-registration only; the
 * password is never shown again.
 */
public record VolunteerForm(String realName, String idType, String idNumber, String phone, String gender,
		String birthDate, String regionCode, List<String> skills, String availability, String emergencyName,
		String emergencyPhone, String guardianName, String guardianRelation, String guardianPhone,
		String guardianConsent, String consent, String username, String password) {

	static VolunteerForm empty(String regionCode) {
		return new VolunteerForm("", "RESIDENT_ID", "", "", "", "", regionCode, List.of(), "", "", "", "", "", "", "",
				"", "", "");
	}

	VolunteerDraft draft() {
		return new VolunteerDraft(realName, idType, idNumber, phone, gender, birthDate, regionCode, skills,
				availability, emergencyName, emergencyPhone, guardianName, guardianRelation, guardianPhone,
				guardianConsent, consent);
	}

	// Values for the template: never null.

	public String value(String text) {
		return text == null ? "" : text;
	}

	public boolean hasSkill(String code) {
		return skills != null && skills.contains(code);
	}

	public boolean ticked(String flag) {
		return "true".equals(flag) || "on".equals(flag);
	}
}
