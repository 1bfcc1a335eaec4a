package org.wenming.volunteer.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.wenming.volunteer.Volunteer;

/** A volunteer over JSON for staff: personal numbers masked. */
record VolunteerJson(String id, String volunteerNumber, String realName, String idType, String idNumberMasked,
		String phoneMasked, String gender, LocalDate birthDate, String regionCode, String regionName,
		List<String> skills, String availability, String emergencyName, String emergencyPhoneMasked,
		Guardian guardian, String consentVersion, OffsetDateTime consentAt, String status, OffsetDateTime withdrawnAt,
		OffsetDateTime registeredAt, int version) {

	/** Only for minors: what team leaders must see. */
	record Guardian(String name, String relation, String phoneMasked, OffsetDateTime consentAt) {
	}

	static VolunteerJson of(Volunteer v, LocalDate today) {
		Guardian guardian = v.minor(today) ? new Guardian(v.guardianName(), v.guardianRelation(),
				v.guardianPhoneMasked(), v.guardianConsentAt()) : null;
		return new VolunteerJson(String.valueOf(v.id()), v.volunteerNumber(), v.realName(), v.idType().name(),
				v.idNumberMasked(), v.phoneMasked(), v.gender().name(), v.birthDate(), v.regionCode(), v.regionName(),
				v.skills(), v.availability(), v.emergencyName(), v.emergencyPhoneMasked(), guardian,
				v.consentVersion(), v.consentAt(), v.status().name(), v.withdrawnAt(), v.createdAt(), v.version());
	}
}
