package org.wenming.honor.notice.web;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
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
import org.wenming.honor.notice.NoticeBoard;
import org.wenming.honor.notice.NoticeConflictException;
import org.wenming.honor.notice.NoticeProblem;
import org.wenming.honor.notice.NoticeRateLimit;
import org.wenming.honor.notice.NoticeRateLimitException;
import org.wenming.honor.notice.NoticeRefusedException;
import org.wenming.honor.notice.Objections;
import org.wenming.platform.PageController;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;

/**
 * The public notice pages (公示): the open periods with their shortlists ({@code /honor/notice}), one nominee with
 * the like button (a script file solves the proof of work), the approved comments and the comment and objection
 * forms ({@code /honor/notice/{id}}), and the objector's private link ({@code /honor/objections/{token}}).
 */
@Controller
class NoticePages extends PageController {

	private final NoticeBoard board;

	private final Comments comments;

	private final Objections objections;

	private final NoticeRateLimit rates;

	private final Clock clock;

	NoticePages(NoticeBoard board, Comments comments, Objections objections, NoticeRateLimit rates, Clock clock) {
		this.board = board;
		this.comments = comments;
		this.objections = objections;
		this.rates = rates;
		this.clock = clock;
	}

	@GetMapping("/honor/notice")
	ModelAndView list() {
		Instant now = clock.instant();
		return new ModelAndView("honor/notice/list", Map.of("periods", board.open(now)));
	}

	@GetMapping("/honor/notice/{nominationId}")
	ModelAndView nominee(@PathVariable String nominationId, @RequestParam(required = false) String page,
			@RequestParam(required = false) String commented) {
		return page(QueryParameters.id(nominationId), Paging.page(page), Map.of(), Map.of(),
				commented != null ? "honor.notice.comment.thanks" : null, HttpServletResponse.SC_OK);
	}

	@PostMapping("/honor/notice/{nominationId}/comments")
	ModelAndView comment(@AuthenticationPrincipal ScopedUser user, @PathVariable String nominationId,
			@RequestParam(required = false) String body, @RequestParam(required = false) String authorName,
			HttpServletRequest http) {
		long id = QueryParameters.id(nominationId);
		Map<String, String> values = new HashMap<>();
		values.put("body", body);
		values.put("authorName", authorName);
		try {
			var client = NoticeRequests.client(user, http);
			rates.hit(client, NoticeRateLimit.Action.COMMENT, clock.instant());
			comments.post(id, body, authorName, client);
		}
		catch (NoticeRefusedException ex) {
			return page(id, 0, values, errors(ex), null, HttpServletResponse.SC_BAD_REQUEST);
		}
		catch (NoticeConflictException ex) {
			return page(id, 0, values, Map.of(), ex.messageKey(), HttpServletResponse.SC_CONFLICT);
		}
		catch (NoticeRateLimitException ex) {
			return page(id, 0, values, Map.of(), "honor.notice.error.tooMany", 429);
		}
		return new ModelAndView("redirect:/honor/notice/" + id + "?commented=1#comments");
	}

	@PostMapping("/honor/notice/{nominationId}/objections")
	ModelAndView object(@AuthenticationPrincipal ScopedUser user, @PathVariable String nominationId,
			@RequestParam(required = false) String body, @RequestParam(required = false) String name,
			@RequestParam(required = false) String mobile, HttpServletRequest http, HttpServletResponse response,
			Locale locale) {
		long id = QueryParameters.id(nominationId);
		Map<String, String> values = new HashMap<>();
		values.put("objectionBody", body);
		values.put("name", name);
		values.put("mobile", mobile);
		Objections.Filed filed;
		try {
			rates.hit(NoticeRequests.client(user, http), NoticeRateLimit.Action.OBJECTION, clock.instant());
			filed = objections.file(id, body, name, mobile, locale,
					org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromContextPath(http).build().toUriString());
		}
		catch (NoticeRefusedException ex) {
			Map<String, String> errors = new LinkedHashMap<>();
			ex.problems().forEach(p -> errors.put("body".equals(p.field()) ? "objectionBody" : p.field(), p.messageKey()));
			return page(id, 0, values, errors, null, HttpServletResponse.SC_BAD_REQUEST);
		}
		catch (NoticeConflictException ex) {
			return page(id, 0, values, Map.of(), ex.messageKey(), HttpServletResponse.SC_CONFLICT);
		}
		catch (NoticeRateLimitException ex) {
			return page(id, 0, values, Map.of(), "honor.notice.error.tooMany", 429);
		}
		// the page holds the private link: no shared cache may keep it, no link may pass it on
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Referrer-Policy", "no-referrer");
		ModelAndView view = new ModelAndView("honor/notice/objection-filed", Map.of("followPath", filed.followPath(),
				"nominationId", id));
		view.setStatus(HttpStatusCode.valueOf(HttpServletResponse.SC_CREATED));
		return view;
	}

	@GetMapping("/honor/objections/{token}")
	ModelAndView follow(@PathVariable String token, HttpServletResponse response) {
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Referrer-Policy", "no-referrer");
		Objections.Follow objection = objections.follow(token).orElseThrow(RecordNotFound::new);
		return new ModelAndView("honor/notice/objection", Map.of("objection", objection));
	}

	private ModelAndView page(long id, int page, Map<String, String> values, Map<String, String> errors, String notice,
			int status) {
		Instant now = clock.instant();
		NoticeBoard.Nominee nominee = board.nominee(id, now).orElseThrow(RecordNotFound::new);
		NomineeView view = new NomineeView(nominee, nominee.openAt(now), board.comments(id, page), values, errors, notice,
				now);
		ModelAndView model = new ModelAndView("honor/notice/nominee", Map.of("view", view));
		model.setStatus(HttpStatusCode.valueOf(status));
		return model;
	}

	private static Map<String, String> errors(NoticeRefusedException ex) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (NoticeProblem problem : ex.problems()) {
			errors.putIfAbsent(problem.field(), problem.messageKey());
		}
		return errors;
	}
}
