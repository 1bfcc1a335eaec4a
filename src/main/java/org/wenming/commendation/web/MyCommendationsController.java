package org.wenming.commendation.web;

import java.util.List;
import java.util.Map;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.commendation.CommendationRefusedException;
import org.wenming.commendation.Commendations;
import org.wenming.platform.FormErrors;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;

/**
 * The volunteer's own commendations ({@code /me/commendations}, linked from their page): those recorded for
 * them and the honours' published good people linked to them, and the choice to show them on certificates.
 */
@Controller
class MyCommendationsController extends PageController {

	private final Commendations commendations;

	MyCommendationsController(Commendations commendations) {
		this.commendations = commendations;
	}

	@GetMapping("/me/commendations")
	ModelAndView mine(@AuthenticationPrincipal ScopedUser me, @RequestParam(required = false) String done) {
		return page(me, "saved".equals(done), FormErrors.NONE, HttpStatus.OK);
	}

	@PostMapping("/me/commendations/choice")
	ModelAndView choose(@AuthenticationPrincipal ScopedUser me, @RequestParam(required = false) String onCertificates) {
		if (commendations.ownVolunteerId(me).isEmpty()) {
			return page(me, false, FormErrors.NONE, HttpStatus.NOT_FOUND);
		}
		try {
			commendations.choose(me, onCertificates == null ? "false" : onCertificates);
			return new ModelAndView("redirect:/me/commendations?done=saved");
		}
		catch (CommendationRefusedException ex) {
			return page(me, false, FormErrors.of(ex.problems(), p -> p.field(), p -> p.messageKey()),
					HttpStatus.BAD_REQUEST);
		}
	}

	@GetMapping("/me/commendations/{id}/document")
	ResponseEntity<InputStreamResource> document(@AuthenticationPrincipal ScopedUser me, @PathVariable String id) {
		long commendationId = QueryParameters.id(id);
		return CommendationPages.pdf(commendations.documentForOwner(commendationId, me).orElseThrow(RecordNotFound::new),
				commendationId);
	}

	private ModelAndView page(ScopedUser me, boolean saved, FormErrors errors, HttpStatus status) {
		CommendationViews.Mine view = commendations.mine(me)
			.map(m -> new CommendationViews.Mine(true, m.commendations(), m.onCertificates(), saved, errors))
			.orElseGet(() -> new CommendationViews.Mine(false, List.of(), false, false, errors));
		ModelAndView page = new ModelAndView("commendation/mine", Map.of("view", view));
		page.setStatus(status);
		return page;
	}
}
