package org.wenming.training.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.shared.ScopedUser;
import org.wenming.training.TrainingRefusedException;
import org.wenming.training.Trainings;

/**
 * The volunteer's own training ({@code /me/training}, linked from their page): the courses they completed (here
 * and, by record transfer, elsewhere) with hours and certificates, the qualifications they hold with their
 * expiry, and the upcoming courses of their region with an enrol button.
 */
@Controller
class MyTrainingController extends PageController {

	private final Trainings trainings;

	MyTrainingController(Trainings trainings) {
		this.trainings = trainings;
	}

	@GetMapping("/me/training")
	ModelAndView mine(@AuthenticationPrincipal ScopedUser me, @RequestParam(required = false) String done) {
		return page(me, "enrolled".equals(done) ? done : null, HttpStatus.OK);
	}

	@PostMapping("/me/training/{id}/enrol")
	ModelAndView enrol(@AuthenticationPrincipal ScopedUser me, @PathVariable String id) {
		long courseId = QueryParameters.id(id);
		try {
			trainings.enrolSelf(courseId, me);
			return new ModelAndView("redirect:/me/training?done=enrolled");
		}
		catch (TrainingRefusedException ex) {
			return page(me, ex.problems().get(0).messageKey(), HttpStatus.CONFLICT);
		}
	}

	private ModelAndView page(ScopedUser me, String done, HttpStatus status) {
		TrainingViews.Mine view = trainings.mine(me)
			.map(m -> new TrainingViews.Mine(true, m, done, Trainings.today().toString()))
			.orElseGet(() -> new TrainingViews.Mine(false, null, null, Trainings.today().toString()));
		ModelAndView page = new ModelAndView("training/mine", Map.of("view", view));
		page.setStatus(status);
		return page;
	}
}
