package org.wenming.volunteer;

import java.util.List;

/**
 * A registration exactly as submitted (a form, a JSON body or, later, an import row): every value
 * a string, so that whatever was typed can be checked by {@link VolunteerRules} and shown again.
 * Booleans are {@code "true"} when ticked. Gender ({@code M}/{@code F}) and birth date
 * ({@code yyyy-MM-dd}) may be left empty for a resident ID, which carries both.
 */
public record VolunteerDraft(String realName, String idType, String idNumber, String phone, String gender,
		String birthDate, String regionCode, List<String> skills, String availability, String emergencyName,
		String emergencyPhone, String guardianName, String guardianRelation, String guardianPhone,
		String guardianConsent, String consent) {

	public VolunteerDraft {
		skills = skills == null ? List.of() : skills.stream().filter(s -> s != null && !s.isBlank()).toList();
	}
}
