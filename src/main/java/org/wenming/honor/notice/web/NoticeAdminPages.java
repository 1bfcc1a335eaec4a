package org.wenming.honor.notice.web;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatusCode;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.honor.notice.Comments;
import org.wenming.honor.notice.LikeSuspects;
import org.wenming.honor.notice.NoticeConflictException;
import org.wenming.honor.notice.NoticeProblem;
import org.wenming.honor.notice.NoticeRefusedException;
import org.wenming.honor.notice.Objections;
import org.wenming.platform.PageController;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;

/**
 * The civilization office's side of the notice, in the staff member's scope (the nominee's region): likes by
 * reason and by client (hash prefixes, never addresses), comments to approve or reject, objections to answer.
 * Outside the scope a comment or objection is not found (404 and a security event); other roles get 403.
 */
@Controller
class NoticeAdminPages extends PageController {

	private final LikeSuspects suspects;

	private final Comments comments;

	private final Objections objections;

	NoticeAdminPages(LikeSuspects suspects, Comments comments, Objections objections) {
		this.suspects = suspects;
		this.comments = comments;
		this.objections = objections;
	}

	@GetMapping("/admin/honor/likes")
	ModelAndView likes(@AuthenticationPrincipal ScopedUser user) {
		return new ModelAndView("honor/notice/admin-likes",
				Map.of("nominees", suspects.byNominee(user), "clients", suspects.byClient(user)));
	}

	@GetMapping("/admin/honor/comments")
	ModelAndView comments(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String page,
			@RequestParam(required = false) String done) {
		return commentsPage(user, Paging.page(page), done != null && done.matches("[a-z]{1,10}") ? done : null, null,
				HttpServletResponse.SC_OK);
	}

	@PostMapping("/admin/honor/comments/{id}/{action}")
	ModelAndView moderate(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String action) {
		long comment = QueryParameters.id(id);
		boolean approve = switch (action) {
			case "approve" -> true;
			case "reject" -> false;
			default -> throw new RecordNotFound();
		};
		try {
			comments.moderate(comment, approve, user);
		}
		catch (NoticeConflictException ex) {
			return commentsPage(user, 0, null, ex.messageKey(), HttpServletResponse.SC_CONFLICT);
		}
		return new ModelAndView("redirect:/admin/honor/comments?done=" + (approve ? "approved" : "rejected"));
	}

	@GetMapping("/admin/honor/objections")
	ModelAndView objections(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String done) {
		return objectionsPage(user, done != null ? "honor.notice.admin.objections.answered" : null, Map.of(), Map.of(),
				HttpServletResponse.SC_OK);
	}

	@PostMapping("/admin/honor/objections/{id}/answer")
	ModelAndView answer(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String answer, @RequestParam(required = false) String upheld) {
		long objection = QueryParameters.id(id);
		Boolean decision = "true".equals(upheld) ? Boolean.TRUE : "false".equals(upheld) ? Boolean.FALSE : null;
		try {
			objections.answer(objection, answer, decision, user);
		}
		catch (NoticeRefusedException ex) {
			Map<String, String> errors = new LinkedHashMap<>();
			for (NoticeProblem problem : ex.problems()) {
				errors.putIfAbsent(problem.field(), problem.messageKey());
			}
			Map<String, String> values = new HashMap<>();
			values.put("answer", answer);
			return objectionsPage(user, null, Map.of(objection, errors), Map.of(objection, values),
					HttpServletResponse.SC_BAD_REQUEST);
		}
		catch (NoticeConflictException ex) {
			return objectionsPage(user, ex.messageKey(), Map.of(), Map.of(), HttpServletResponse.SC_CONFLICT);
		}
		return new ModelAndView("redirect:/admin/honor/objections?done=1");
	}

	private ModelAndView commentsPage(ScopedUser user, int page, String done, String problem, int status) {
		Map<String, Object> model = new HashMap<>();
		model.put("found", comments.pending(user, page));
		model.put("done", done == null ? "" : done);
		model.put("problem", problem == null ? "" : problem);
		ModelAndView view = new ModelAndView("honor/notice/admin-comments", model);
		view.setStatus(HttpStatusCode.valueOf(status));
		return view;
	}

	private ModelAndView objectionsPage(ScopedUser user, String notice, Map<Long, Map<String, String>> errors,
			Map<Long, Map<String, String>> values, int status) {
		List<Objections.StaffView> rows = objections.list(user);
		Map<String, Object> model = new HashMap<>();
		model.put("rows", rows);
		model.put("notice", notice == null ? "" : notice);
		model.put("errors", errors);
		model.put("values", values);
		ModelAndView view = new ModelAndView("honor/notice/admin-objections", model);
		view.setStatus(HttpStatusCode.valueOf(status));
		return view;
	}
}
