package org.wenming.volunteer.web;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.FormErrors;
import org.wenming.platform.InvalidInputException;
import org.wenming.region.FieldProblem;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.PersonalField;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.VolunteerNotFoundException;
import org.wenming.volunteer.VolunteerPage;
import org.wenming.volunteer.VolunteerQuery;
import org.wenming.volunteer.VolunteerRefusedException;
import org.wenming.volunteer.Volunteers;

/** Volunteer pages for staff, confined to their data scope; numbers masked unless revealed. */
@Controller
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF', 'SITE_ADMIN', 'TEAM_LEADER')")
class VolunteerAdminController extends Pages {

	static final int PAGE_SIZE = 20;

	private final Volunteers volunteers;

	VolunteerAdminController(Volunteers volunteers) {
		this.volunteers = volunteers;
	}

	@GetMapping("/admin/volunteers")
	ModelAndView list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String q,
			@RequestParam(required = false) String number, @RequestParam(required = false) String phone4,
			@RequestParam(required = false) String skill, @RequestParam(required = false) String region,
			@RequestParam(required = false) String team,
			@RequestParam(required = false) String status, @RequestParam(required = false) String sort,
			@RequestParam(defaultValue = "0") int page) {
		VolunteerQuery query = SearchParameters.query(q, number, phone4, skill, region, team, status, sort, page, PAGE_SIZE,
				volunteers.skillCodes());
		VolunteerPage found = volunteers.search(query, user);
		return new ModelAndView("volunteer/admin-list", Map.of("view", new VolunteerListView(query, found,
				volunteers.skills(), Volunteers.mayRegister(user), Volunteers.mayReveal(user))));
	}

	@GetMapping("/admin/volunteers/new")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF', 'SITE_ADMIN')")
	ModelAndView newVolunteer(@AuthenticationPrincipal ScopedUser user) {
		String region = user.scope().isEverything() ? "" : user.scope().regionCode();
		return form(VolunteerForm.empty(region), user, FormErrors.NONE, HttpStatus.OK);
	}

	@PostMapping("/admin/volunteers/new")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF', 'SITE_ADMIN')")
	ModelAndView create(@AuthenticationPrincipal ScopedUser user, @ModelAttribute VolunteerForm form) {
		try {
			Volunteer volunteer = volunteers.registerByStaff(form.draft(), user);
			return new ModelAndView("redirect:/admin/volunteers/" + volunteer.id());
		}
		catch (VolunteerRefusedException ex) {
			return form(form, user, ProblemErrors.of(ex.problems()), HttpStatus.BAD_REQUEST);
		}
	}

	@GetMapping("/admin/volunteers/{id}")
	ModelAndView detail(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		Volunteer volunteer = volunteers.findForStaff(id(id), user)
				.orElseThrow(() -> new VolunteerNotFoundException(0));
		return detail(volunteer, user, FormErrors.NONE, "", HttpStatus.OK);
	}

	/** Shows one number in full, once; the page is not cached. */
	@PostMapping("/admin/volunteers/{id}/reveal")
	ModelAndView reveal(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String field, @RequestParam(required = false) String reason,
			HttpServletRequest request, HttpServletResponse response) {
		Volunteer volunteer = volunteers.findForStaff(id(id), user)
				.orElseThrow(() -> new VolunteerNotFoundException(0));
		PersonalField which = PersonalField.parse(field == null ? null : field.strip()).orElse(null);
		if (which == null) {
			return detail(volunteer, user, ProblemErrors.of(List.of(new FieldProblem("field", "volunteer.error.field"))),
					reason, HttpStatus.BAD_REQUEST);
		}
		String value;
		try {
			value = volunteers.reveal(volunteer.id(), which, reason, user, request.getRemoteAddr());
		}
		catch (InvalidInputException ex) {
			return detail(volunteer, user, ProblemErrors.of(List.of(new FieldProblem("reason", "volunteer.error.reason"))),
					reason, HttpStatus.BAD_REQUEST);
		}
		response.setHeader("Cache-Control", "no-store");
		return new ModelAndView("volunteer/revealed", Map.of("volunteer", volunteer, "field", which, "value", value));
	}

	@GetMapping("/admin/personal-data-access")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ModelAndView accessRecords(@AuthenticationPrincipal ScopedUser user, @RequestParam(defaultValue = "0") int page) {
		if (page < 0 || page > 100_000) {
			throw new InvalidInputException("page", "must be between 0 and 100000");
		}
		return new ModelAndView("volunteer/access-records", Map.of("records",
				volunteers.accessRecords(user, page, 50), "page", page));
	}

	private ModelAndView detail(Volunteer volunteer, ScopedUser user, FormErrors errors, String reason,
			HttpStatus status) {
		return new ModelAndView("volunteer/admin-detail", Map.of("view", new VolunteerDetailView(volunteer,
				volunteers.skills(), volunteers.today(), Volunteers.mayReveal(user), errors,
				reason == null ? "" : reason)), status);
	}

	private ModelAndView form(VolunteerForm form, ScopedUser user, FormErrors errors, HttpStatus status) {
		return new ModelAndView("volunteer/register", Map.of("view", new RegistrationView(form, errors,
				volunteers.skills(), false, volunteers.privacyNoticeVersion(), volunteers.regionChoice(form.regionCode(), user))),
				status);
	}
}
