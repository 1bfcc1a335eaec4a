package org.wenming.insight.web;

import java.util.HashMap;
import java.util.Map;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.insight.AggregateChecks;
import org.wenming.insight.Dashboard;
import org.wenming.platform.PageController;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * The aggregates' check for the whole city: the last run's result, and a button to run it now
 * (the recount reads every raw record, so only a system administrator or the city office may).
 */
@Controller
class CheckController extends PageController {

	private final AggregateChecks checks;

	private final Dashboard dashboard;

	CheckController(AggregateChecks checks, Dashboard dashboard) {
		this.checks = checks;
		this.dashboard = dashboard;
	}

	private void require(ScopedUser user) {
		boolean admin = user != null && user.roles().contains(Roles.SYSTEM_ADMIN);
		boolean cityOffice = user != null && user.roles().contains(Roles.OFFICE_STAFF)
				&& (user.scope().isEverything() || user.scope().regionCode().equals(dashboard.homeCity().code()));
		if (!admin && !cityOffice) {
			throw new AccessDeniedException("the check is for the system administrator and the city office");
		}
	}

	@GetMapping("/admin/insight/check")
	ModelAndView page(@AuthenticationPrincipal ScopedUser user) {
		require(user);
		Map<String, Object> model = new HashMap<>();
		model.put("run", checks.last().orElse(null));
		return new ModelAndView("insight/check", model);
	}

	@PostMapping("/admin/insight/check")
	ModelAndView run(@AuthenticationPrincipal ScopedUser user) {
		require(user);
		checks.run(user.username());
		return new ModelAndView("redirect:/admin/insight/check");
	}
}
