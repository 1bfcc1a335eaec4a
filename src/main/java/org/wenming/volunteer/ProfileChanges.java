package org.wenming.volunteer;

import java.util.List;

/** What volunteers may change about themselves, as submitted (strings, like {@link VolunteerDraft}). */
public record ProfileChanges(String phone, String availability, List<String> skills, String emergencyName,
		String emergencyPhone) {

	public ProfileChanges {
		skills = skills == null ? List.of() : skills.stream().filter(s -> s != null && !s.isBlank()).toList();
	}

	/** Checked and normalised changes. */
	public record Checked(String phone, String availability, List<String> skills, String emergencyName,
			String emergencyPhone) {

		@Override
		public String toString() {
			return "ProfileChanges.Checked[skills " + skills + "]";
		}
	}
}
