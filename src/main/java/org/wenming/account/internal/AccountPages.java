package org.wenming.account.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.shared.ScopedUser;

/** The workbench (工作台) and one's own password. */
@Controller
class AccountPages {

	private final AccountAdministration administration;

	AccountPages(AccountAdministration administration) {
		this.administration = administration;
	}

	@GetMapping("/admin")
	String workbench() {
		return "account/workbench";
	}

	@GetMapping("/account/password")
	ModelAndView password(@RequestParam(required = false) String expired,
			@RequestParam(required = false) String changed) {
		return passwordPage(expired != null, changed != null, Map.of(), HttpStatus.OK);
	}

	@PostMapping("/account/password")
	ModelAndView changePassword(@AuthenticationPrincipal ScopedUser me,
			@RequestParam(required = false) String current, @RequestParam(required = false) String password,
			@RequestParam(required = false) String repeat, HttpServletRequest request) {
		try {
			administration.changeOwnPassword(me, current, password, repeat, CurrentUser.ip(request));
		}
		catch (InvalidFields invalid) {
			HttpSession session = request.getSession(false);
			boolean expired = session != null && session.getAttribute(PasswordChangeRequired.SESSION_ATTRIBUTE) != null;
			return passwordPage(expired, false, invalid.errors(), HttpStatus.BAD_REQUEST);
		}
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(PasswordChangeRequired.SESSION_ATTRIBUTE);
		}
		return new ModelAndView("redirect:/account/password?changed");
	}

	private static ModelAndView passwordPage(boolean expired, boolean changed, Map<String, String> errors,
			HttpStatus status) {
		return new ModelAndView("account/password", Map.of("expired", expired, "changed", changed, "errors", errors),
				status);
	}
}
