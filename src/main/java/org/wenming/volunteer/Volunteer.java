package org.wenming.volunteer;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.List;

/**
 * A volunteer as pages, lists and the API show them: personal numbers only masked. The full
 * numbers never leave {@link Volunteers} except through an audited reveal.
 */
public record Volunteer(long id, String volunteerNumber, String realName, IdType idType, String idNumberMasked,
		String phoneMasked, Gender gender, LocalDate birthDate, String regionCode, String regionName,
		String regionPath, List<String> skills, String availability, String emergencyName,
		String emergencyPhoneMasked, String guardianName, String guardianRelation, String guardianPhoneMasked,
		OffsetDateTime guardianConsentAt, String consentVersion, OffsetDateTime consentAt, Status status,
		OffsetDateTime withdrawnAt, Long userId, String registeredBy, OffsetDateTime createdAt, int version) {

	/** 在册 / 已退出 */
	public enum Status {
		ACTIVE, WITHDRAWN;

		public String messageKey() {
			return "volunteer.status." + name();
		}
	}

	public int age(LocalDate today) {
		return Period.between(birthDate, today).getYears();
	}

	/** Under 18: team leaders must see the guardian's details and consent. */
	public boolean minor(LocalDate today) {
		return age(today) < VolunteerRules.ADULT_AGE;
	}

	public boolean active() {
		return status == Status.ACTIVE;
	}
}
