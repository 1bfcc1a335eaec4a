package org.wenming.volunteer.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.FormErrors;
import org.wenming.region.FieldProblem;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.ProfileChanges;
import org.wenming.volunteer.StaleVolunteerException;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.VolunteerRefusedException;
import org.wenming.volunteer.Volunteers;

/** The volunteer's own page (我的志愿者档案): profile (masked), status, edits, withdrawal. */
@Controller
@RequestMapping("/me/volunteer")
class MyVolunteerController extends Pages {

	private final Volunteers volunteers;

	MyVolunteerController(Volunteers volunteers) {
		this.volunteers = volunteers;
	}

	@GetMapping
	ModelAndView show(@AuthenticationPrincipal ScopedUser me, @RequestParam(required = false) String done) {
		Volunteer volunteer = volunteers.own(me).orElse(null);
		if (volunteer == null) {
			return new ModelAndView("volunteer/not-registered", Map.of());
		}
		String notice = "saved".equals(done) ? "volunteer.me.saved" : "withdrawn".equals(done) ? "volunteer.me.withdrawnNotice" : null;
		return page(volunteer, ProfileForm.of(volunteer), FormErrors.NONE, notice, HttpStatus.OK);
	}

	@PostMapping
	ModelAndView update(@AuthenticationPrincipal ScopedUser me, ProfileForm form) {
		Volunteer volunteer = volunteers.own(me).orElse(null);
		if (volunteer == null) {
			return new ModelAndView("volunteer/not-registered", Map.of(), HttpStatus.NOT_FOUND);
		}
		try {
			volunteers.updateOwn(me, form.versionOrInvalid(),
					new ProfileChanges(form.phone(), form.availability(), form.skills(), form.emergencyName(),
							form.emergencyPhone()));
			return new ModelAndView("redirect:/me/volunteer?done=saved");
		}
		catch (VolunteerRefusedException ex) {
			return page(volunteer, form, ProblemErrors.of(ex.problems()), null, HttpStatus.BAD_REQUEST);
		}
		catch (StaleVolunteerException ex) {
			return page(volunteer, form, ProblemErrors.of(java.util.List.of(new FieldProblem("version",
					"volunteer.error.stale"))), null, HttpStatus.CONFLICT);
		}
	}

	@PostMapping("/withdraw")
	ModelAndView withdraw(@AuthenticationPrincipal ScopedUser me, @RequestParam(required = false) String confirm) {
		Volunteer volunteer = volunteers.own(me).orElse(null);
		if (volunteer == null) {
			return new ModelAndView("volunteer/not-registered", Map.of(), HttpStatus.NOT_FOUND);
		}
		if (!"true".equals(confirm)) {
			return page(volunteer, ProfileForm.of(volunteer), ProblemErrors.of(java.util.List.of(new FieldProblem(
					"confirm", "volunteer.error.confirmWithdraw"))), null, HttpStatus.BAD_REQUEST);
		}
		volunteers.withdrawOwn(me);
		return new ModelAndView("redirect:/me/volunteer?done=withdrawn");
	}

	/** The volunteer's consent to be named on public lists: "true" switches it on, nothing switches it off. */
	@PostMapping("/public-listing")
	ModelAndView publicListing(@AuthenticationPrincipal ScopedUser me, @RequestParam(required = false) String show) {
		Volunteer volunteer = volunteers.own(me).orElse(null);
		if (volunteer == null) {
			return new ModelAndView("volunteer/not-registered", Map.of(), HttpStatus.NOT_FOUND);
		}
		if (show != null && !"true".equals(show)) {
			return page(volunteer, ProfileForm.of(volunteer), ProblemErrors.of(java.util.List.of(new FieldProblem(
					"show", "volunteer.error.publicListing"))), null, HttpStatus.BAD_REQUEST);
		}
		volunteers.showPublicly(me, show != null);
		return new ModelAndView("redirect:/me/volunteer?done=saved");
	}

	private ModelAndView page(Volunteer volunteer, ProfileForm form, FormErrors errors, String notice,
			HttpStatus status) {
		return new ModelAndView("volunteer/me", Map.of("view", new MyVolunteerView(volunteer, form, errors,
				volunteers.skills(), notice, volunteers.today(), volunteers.showsPublicly(volunteer))), status);
	}
}
