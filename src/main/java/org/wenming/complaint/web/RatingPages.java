package org.wenming.complaint.web;

import java.util.LinkedHashMap;
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
import org.wenming.complaint.ServiceRatings;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.shared.ScopedUser;
import org.wenming.platform.FormValues;

/**
 * The organizer's rating page for a shift ({@code /admin/shifts/{shiftId}/ratings}): who attended, their
 * ratings, and a form for each one not yet rated. Only for those who manage the shift's activity (others: not
 * found); a rating given already: 409; one who did not attend: 400 naming {@code volunteerId}.
 */
@Controller
class RatingPages extends PageController {

	private final ServiceRatings ratings;

	RatingPages(ServiceRatings ratings) {
		this.ratings = ratings;
	}

	@GetMapping("/admin/shifts/{shiftId}/ratings")
	ModelAndView show(@AuthenticationPrincipal ScopedUser user, @PathVariable String shiftId,
			@RequestParam(required = false) String done) {
		long shift = QueryParameters.id(shiftId);
		return page(user, shift, null, FormValues.EMPTY, "saved".equals(done), HttpStatus.OK);
	}

	@PostMapping("/admin/shifts/{shiftId}/ratings")
	ModelAndView rate(@AuthenticationPrincipal ScopedUser user, @PathVariable String shiftId,
			@RequestParam(required = false) String volunteerId, @RequestParam(required = false) String score,
			@RequestParam(required = false) String remark) {
		long shift = QueryParameters.id(shiftId);
		try {
			ratings.rate(shift, volunteerId, score, remark, user);
			return new ModelAndView("redirect:/admin/shifts/" + shift + "/ratings?done=saved");
		}
		catch (ComplaintRefusedException ex) {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("score", score);
			values.put("remark", remark);
			Long formFor = volunteerId != null && volunteerId.strip().matches("\\d{1,18}") ? Long.valueOf(volunteerId.strip())
					: null;
			return page(user, shift, formFor, new FormValues(values, ComplaintPages.errors(ex)), false,
					ex.kind() == ComplaintRefusedException.Kind.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
		}
	}

	private ModelAndView page(ScopedUser user, long shift, Long formFor, FormValues form, boolean saved,
			HttpStatus status) {
		ModelAndView page = new ModelAndView("complaint/ratings", Map.of("view", new ComplaintViews.Ratings(
				ratings.managed(shift, user), ratings.attendees(shift, user), formFor, form, saved)));
		page.setStatus(status);
		return page;
	}
}
