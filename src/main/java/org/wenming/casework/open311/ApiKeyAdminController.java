package org.wenming.casework.open311;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.PageController;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;

/**
 * The Open311 keys page for the system administrator and the city office: issue a key (shown
 * once, on the page that answers the form, never in a link), see who holds which, revoke one.
 */
@Controller
@RequestMapping("/admin/open311/keys")
class ApiKeyAdminController extends PageController {

	private final ApiKeys keys;

	ApiKeyAdminController(ApiKeys keys) {
		this.keys = keys;
	}

	@GetMapping
	ModelAndView list(@AuthenticationPrincipal ScopedUser user) {
		requireManager(user);
		return page(null, null, null);
	}

	@PostMapping
	ModelAndView issue(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String name,
			HttpServletResponse response) {
		requireManager(user);
		try {
			ApiKeys.IssuedKey issued = keys.issue(name, user);
			// the key is in this page only: no cache may keep it
			response.setHeader("Cache-Control", "no-store");
			return page(issued, null, null);
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return page(null, name, ex.getMessage());
		}
	}

	@PostMapping("/{id}/revoke")
	String revoke(@AuthenticationPrincipal ScopedUser user, @PathVariable long id) {
		requireManager(user);
		if (keys.find(id).isEmpty()) {
			throw new RecordNotFound();
		}
		keys.revoke(id, user);
		return "redirect:/admin/open311/keys?revoked=" + id;
	}

	private ModelAndView page(ApiKeys.IssuedKey issued, String name, String nameError) {
		Map<String, Object> model = new HashMap<>();
		model.put("keys", keys.list());
		model.put("issued", issued);
		model.put("name", name == null ? "" : name);
		model.put("nameError", nameError);
		return new ModelAndView("casework/open311/keys", model);
	}

	static void requireManager(ScopedUser user) {
		if (!ApiKeys.mayManage(user)) {
			throw new AccessDeniedException("Open311 keys are managed by the system administrator and the city office");
		}
	}
}
