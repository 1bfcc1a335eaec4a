package org.wenming.insight.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.insight.Cockpit;
import org.wenming.insight.CockpitFigures;
import org.wenming.shared.ScopedUser;

/** The staff cockpit as JSON: {@code GET /api/v1/insight/cockpit?region=441203&year=2026&month=2026-03}. */
@RestController
class CockpitApiController {

	private final Cockpit cockpit;

	CockpitApiController(Cockpit cockpit) {
		this.cockpit = cockpit;
	}

	@GetMapping("/api/v1/insight/cockpit")
	CockpitFigures figures(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String region,
			@RequestParam(required = false) String year, @RequestParam(required = false) String month) {
		Cockpit.Period period = cockpit.period(year, month);
		return cockpit.figures(cockpit.region(region, user), period, user);
	}
}
