package org.wenming.volunteer.web;

import java.util.List;

import org.wenming.platform.FormErrors;
import org.wenming.region.RegionChoice;
import org.wenming.volunteer.Gender;
import org.wenming.volunteer.IdType;
import org.wenming.volunteer.Skill;

/**
 * The registration page, for a person registering themselves ({@code self}) or for staff
 * registering someone.
 */
public record RegistrationView(VolunteerForm form, FormErrors errors, List<Skill> skills, boolean self,
		String privacyNoticeVersion, RegionChoice region) {

	public String action() {
		return self ? "/volunteers/register" : "/admin/volunteers/new";
	}

	public List<IdType> idTypes() {
		return List.of(IdType.values());
	}

	public List<Gender> genders() {
		return List.of(Gender.values());
	}
}
