package org.wenming.complaint.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.complaint.ComplaintRefusedException;
import org.wenming.complaint.Complaints;
import org.wenming.complaint.ServiceRatings;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.shared.ScopedUser;
import org.wenming.platform.FormValues;

/**
 * The volunteer's own evaluations and complaints ({@code /me/complaints}, linked from their page): the
 * organizers' ratings (average and count, the latest few) and the complaints about them, never who complained,
 * each with a form to respond once.
 */
@Controller
class MyComplaintsController extends PageController {

	static final int LATEST_RATINGS = 10;

	private final Complaints complaints;

	private final ServiceRatings ratings;

	MyComplaintsController(Complaints complaints, ServiceRatings ratings) {
		this.complaints = complaints;
		this.ratings = ratings;
	}

	@GetMapping("/me/complaints")
	ModelAndView mine(@AuthenticationPrincipal ScopedUser me, @RequestParam(required = false) String done) {
		return page(me, null, FormValues.EMPTY, "saved".equals(done), HttpStatus.OK);
	}

	@PostMapping("/me/complaints/{id}/response")
	ModelAndView respond(@AuthenticationPrincipal ScopedUser me, @PathVariable String id,
			@RequestParam(required = false) String response) {
		long complaintId = QueryParameters.id(id);
		try {
			complaints.respond(me, complaintId, response);
			return new ModelAndView("redirect:/me/complaints?done=saved");
		}
		catch (ComplaintRefusedException ex) {
			return page(me, complaintId, new FormValues(Map.of("response", response == null ? "" : response),
					ComplaintPages.errors(ex)), false,
					ex.kind() == ComplaintRefusedException.Kind.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
		}
	}

	private ModelAndView page(ScopedUser me, Long formFor, FormValues form, boolean saved, HttpStatus status) {
		ComplaintViews.Mine view = complaints.ownVolunteerId(me)
			.map(v -> new ComplaintViews.Mine(true, complaints.own(v), ratings.of(v, LATEST_RATINGS), formFor, form, saved))
			.orElseGet(() -> new ComplaintViews.Mine(false, List.of(), new ServiceRatings.Summary(0, null, List.of()), null,
					form, false));
		ModelAndView page = new ModelAndView("complaint/mine", Map.of("view", view));
		page.setStatus(status);
		return page;
	}
}
