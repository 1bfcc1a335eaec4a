package org.wenming.honor.vetting.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.wenming.honor.HonorCategory;
import org.wenming.honor.NominationStatus;
import org.wenming.honor.vetting.Vetting;
import org.wenming.honor.vetting.VettingRefusedException;
import org.wenming.platform.PageContext;
import org.wenming.platform.PageController;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.region.FieldProblem;
import org.wenming.shared.ScopedUser;

/**
 * 审核台: the office's vetting queue (its level, its scope), a nomination's detail with the story, the
 * evidence, the earlier levels' decisions and the linked volunteer's hours (numbers masked), and the decision
 * form. Outside the scope: 404 and a security event (the platform's handler); a decision refused: the detail
 * again with the reasons (400 bad input, 409 another level or another vetter first).
 */
@Controller
@RequestMapping("/admin/honor/vetting")
class VettingPages extends PageController {

	private final Vetting vetting;

	private final MessageSource messages;

	VettingPages(Vetting vetting, MessageSource messages) {
		this.vetting = vetting;
		this.messages = messages;
	}

	@GetMapping
	ModelAndView queue(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String category,
			@RequestParam(required = false) String quarter, @RequestParam(required = false) String page,
			@RequestParam(required = false) String done) {
		Vetting.Filter filter = Vetting.Filter.of(category, quarter);
		Paging.Page<Vetting.Row> found = vetting.queue(user, filter, Paging.page(page), Vetting.PAGE_SIZE);
		Map<String, Object> model = new HashMap<>();
		model.put("found", found);
		model.put("filter", filter);
		model.put("office", vetting.office(user));
		model.put("categories", List.of(HonorCategory.values()));
		model.put("done", done != null && done.matches("[A-Z_]{1,12}") ? done : "");
		return new ModelAndView("honor/vetting/queue", model);
	}

	@GetMapping("/{id}")
	ModelAndView detail(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		return detail(user, QueryParameters.id(id), List.of(), HttpServletResponse.SC_OK);
	}

	private ModelAndView detail(ScopedUser user, long id, List<FieldProblem> problems, int status) {
		Map<String, Object> model = new HashMap<>();
		model.put("n", vetting.detail(id, user));
		model.put("problems", problems);
		model.put("decisions", List.of(Vetting.Decision.values()));
		ModelAndView view = new ModelAndView("honor/vetting/detail", model);
		view.setStatus(HttpStatusCode.valueOf(status));
		return view;
	}

	@PostMapping("/{id}/decide")
	ModelAndView decide(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String decision, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String version) {
		long nomination = QueryParameters.id(id);
		Vetting.Decision d = null;
		if (decision != null) {
			try {
				d = Vetting.Decision.valueOf(decision.strip());
			}
			catch (IllegalArgumentException ex) {
				throw VettingRefusedException.invalid("decision", "honor.vetting.error.decision");
			}
		}
		Integer v = version != null && version.strip().matches("\\d{1,9}") ? Integer.valueOf(version.strip()) : null;
		NominationStatus after = vetting.decide(nomination, v, d, reason, user);
		return new ModelAndView("redirect:/admin/honor/vetting?done=" + after.name());
	}

	@ExceptionHandler(VettingRefusedException.class)
	ModelAndView refused(VettingRefusedException ex, @AuthenticationPrincipal ScopedUser user,
			HttpServletRequest request) {
		String[] parts = request.getRequestURI().split("/");
		long id = QueryParameters.id(parts[parts.length - 2]);
		ModelAndView view = detail(user, id, ex.problems(), ex.kind() == VettingRefusedException.Kind.CONFLICT
				? HttpServletResponse.SC_CONFLICT : HttpServletResponse.SC_BAD_REQUEST);
		view.addObject("ctx", new PageContext(messages, RequestContextUtils.getLocale(request), user,
				(CsrfToken) request.getAttribute(CsrfToken.class.getName()), request.getRequestURI()));
		return view;
	}
}
