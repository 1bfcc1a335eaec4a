package org.wenming.ledger.web;

import java.util.HashMap;
import java.util.Map;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.ledger.ServiceLedger;
import org.wenming.platform.PageController;
import org.wenming.shared.ScopedUser;

/**
 * Chain verification for the system administrator and the city office: start a run, watch its
 * progress (the status fragment is polled by htmx while the run goes), read the verdict.
 */
@Controller
@RequestMapping("/admin/ledger/verify")
class VerifyController extends PageController {

	private final VerificationRuns runs;

	VerifyController(VerificationRuns runs) {
		this.runs = runs;
	}

	@GetMapping
	ModelAndView page(@AuthenticationPrincipal ScopedUser user) {
		requireVerifier(user);
		Map<String, Object> model = new HashMap<>();
		model.put("view", VerificationView.of(runs.latest()));
		return new ModelAndView("ledger/verify", model);
	}

	@PostMapping
	String start(@AuthenticationPrincipal ScopedUser user) {
		requireVerifier(user);
		runs.start(user.username());
		return "redirect:/admin/ledger/verify";
	}

	@GetMapping("/status")
	ModelAndView status(@AuthenticationPrincipal ScopedUser user) {
		requireVerifier(user);
		Map<String, Object> model = new HashMap<>();
		model.put("view", VerificationView.of(runs.latest()));
		return new ModelAndView("ledger/verify-status", model);
	}

	private static void requireVerifier(ScopedUser user) {
		if (!ServiceLedger.mayVerify(user)) {
			throw new AccessDeniedException("verifying the ledger needs the system administrator or the city office");
		}
	}
}
