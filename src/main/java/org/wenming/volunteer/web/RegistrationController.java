package org.wenming.volunteer.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.FormErrors;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.VolunteerRefusedException;
import org.wenming.volunteer.Volunteers;

/** Self-registration on a phone (志愿者注册): public; creates the login and the volunteer record. */
@Controller
@RequestMapping("/volunteers/register")
class RegistrationController extends Pages {

	private final Volunteers volunteers;

	RegistrationController(Volunteers volunteers) {
		this.volunteers = volunteers;
	}

	@GetMapping
	ModelAndView form() {
		return page(VolunteerForm.empty(""), FormErrors.NONE, HttpStatus.OK);
	}

	@PostMapping
	ModelAndView register(@ModelAttribute VolunteerForm form) {
		try {
			Volunteer volunteer = volunteers.registerSelf(form.draft(), form.username(), form.password());
			return new ModelAndView("volunteer/registered", Map.of("volunteer", volunteer));
		}
		catch (VolunteerRefusedException ex) {
			return page(form, ProblemErrors.of(ex.problems()), HttpStatus.BAD_REQUEST);
		}
	}

	private ModelAndView page(VolunteerForm form, FormErrors errors, HttpStatus status) {
		// the password is never sent back
		VolunteerForm shown = new VolunteerForm(form.realName(), form.idType(), form.idNumber(), form.phone(),
				form.gender(), form.birthDate(), form.regionCode(), form.skills(), form.availability(),
				form.emergencyName(), form.emergencyPhone(), form.guardianName(), form.guardianRelation(),
				form.guardianPhone(), form.guardianConsent(), form.consent(), form.username(), "");
		return new ModelAndView("volunteer/register", Map.of("view", new RegistrationView(shown, errors,
				volunteers.skills(), true, volunteers.privacyNoticeVersion(), volunteers.regionChoice(form.regionCode(), null))),
				status);
	}
}
