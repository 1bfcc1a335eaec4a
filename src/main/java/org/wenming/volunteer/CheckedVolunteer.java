package org.wenming.volunteer;

import java.time.LocalDate;
import java.util.List;

/**
 * A registration that passed {@link VolunteerRules}: normalised, typed, guardian fields only for
 * minors. Still holds the plain ID and phone numbers, so it lives only as long as a request.
 */
public record CheckedVolunteer(String realName, IdType idType, String idNumber, String phone, Gender gender,
		LocalDate birthDate, String regionCode, List<String> skills, String availability, String emergencyName,
		String emergencyPhone, String guardianName, String guardianRelation, String guardianPhone,
		boolean guardianConsent) {

	@Override
	public String toString() {
		// never print the numbers, even by accident
		return "CheckedVolunteer[" + idType + ", region " + regionCode + "]";
	}
}
