package org.wenming.servicedesk.dispatch.web;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
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
import org.wenming.platform.PageContext;
import org.wenming.platform.PageController;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.FieldProblem;
import org.wenming.servicedesk.dispatch.Dispatch;
import org.wenming.servicedesk.dispatch.DispatchDraft;
import org.wenming.servicedesk.dispatch.DispatchQueue;
import org.wenming.servicedesk.dispatch.DispatchRefusedException;
import org.wenming.servicedesk.menu.ServiceCategories;
import org.wenming.shared.CityTime;
import org.wenming.shared.ScopedUser;

/**
 * 派单台: the queue of the sites in a staff member's scope (overdue first), with the forms of each step.
 * A step refused shows the queue again with the reasons (400 bad input, 409 a state that does not allow
 * it); outside the scope the platform answers 404 and records a security event.
 */
@Controller
@RequestMapping("/admin/service/queue")
class QueuePages extends PageController {

	private final Dispatch dispatch;

	private final DispatchQueue queue;

	private final MessageSource messages;

	private final ServiceCategories categories;

	QueuePages(Dispatch dispatch, DispatchQueue queue, ServiceCategories categories, MessageSource messages) {
		this.categories = categories;
		this.dispatch = dispatch;
		this.queue = queue;
		this.messages = messages;
	}

	@GetMapping
	ModelAndView list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String done,
			@RequestParam(required = false) String status, @RequestParam(required = false) String overdue,
			@RequestParam(required = false) String category, @RequestParam(required = false) String page) {
		DispatchQueue.Filter filter = DispatchQueue.Filter.of(status, overdue, category);
		return page(user, done != null && done.matches("[A-Z_]{1,12}") ? done : "", List.of(), HttpServletResponse.SC_OK,
				filter, Paging.page(page));
	}

	private ModelAndView page(ScopedUser user, String done, List<FieldProblem> problems, int status) {
		return page(user, done, problems, status, DispatchQueue.Filter.NONE, 0);
	}

	private ModelAndView page(ScopedUser user, String done, List<FieldProblem> problems, int status,
			DispatchQueue.Filter filter, int pageNumber) {
		Map<String, Object> model = new HashMap<>();
		Paging.Page<DispatchQueue.Row> found = queue.queue(user, filter, pageNumber, DispatchQueue.PAGE_SIZE);
		List<DispatchQueue.Row> rows = found.items();
		Map<String, List<DispatchQueue.TeamChoice>> byPath = new HashMap<>();
		Map<Long, List<DispatchQueue.TeamChoice>> teams = new HashMap<>();
		for (DispatchQueue.Row row : rows) {
			if (row.atSite() || row.status() == org.wenming.servicedesk.OrderStatus.ACCEPTED) {
				teams.put(row.id(), byPath.computeIfAbsent(row.regionPath(), path -> queue.teamsFor(path, user)));
			}
		}
		model.put("rows", rows);
		model.put("teams", teams);
		model.put("done", done);
		model.put("problems", problems);
		model.put("found", found);
		model.put("filter", filter);
		model.put("statuses", DispatchQueue.OPEN);
		model.put("categories", categories.active());
		ModelAndView view = new ModelAndView("servicedesk/dispatch/queue", model);
		view.setStatus(org.springframework.http.HttpStatusCode.valueOf(status));
		return view;
	}

	@PostMapping("/{id}/{action}")
	ModelAndView step(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, @PathVariable String action,
			@RequestParam(required = false) String reason, @RequestParam(required = false) String teamId,
			@RequestParam(required = false) String needed, @RequestParam(required = false) String startsAt,
			@RequestParam(required = false) String endsAt) {
		long order = QueryParameters.id(id);
		String done = switch (action) {
			case "accept" -> {
				dispatch.accept(order, user);
				yield "ACCEPTED";
			}
			case "decline" -> {
				dispatch.decline(order, reason, user);
				yield "DECLINED";
			}
			case "pass-up" -> {
				dispatch.passUp(order, reason, user);
				yield "PASSED_UP";
			}
			case "dispatch" -> {
				dispatch.dispatch(order, draft(teamId, needed, startsAt, endsAt), user);
				yield "DISPATCHED";
			}
			case "hand-back" -> {
				dispatch.handBack(order, reason, user);
				yield "HANDED_BACK";
			}
			case "cancel" -> {
				dispatch.cancel(order, reason, user);
				yield "CANCELLED";
			}
			default -> throw new RecordNotFound();
		};
		return new ModelAndView("redirect:/admin/service/queue?done=" + done);
	}

	static DispatchDraft draft(String teamId, String needed, String startsAt, String endsAt) {
		List<FieldProblem> problems = new ArrayList<>();
		Long team = number(teamId, "teamId", problems);
		Long places = number(needed, "needed", problems);
		OffsetDateTime start = time(startsAt, "startsAt", problems);
		OffsetDateTime end = time(endsAt, "endsAt", problems);
		if (!problems.isEmpty()) {
			throw new DispatchRefusedException(DispatchRefusedException.Kind.INVALID, problems);
		}
		return new DispatchDraft(team, places == null ? null : (int) Math.min(places, Integer.MAX_VALUE), start, end);
	}

	private static Long number(String text, String field, List<FieldProblem> problems) {
		if (text == null || text.isBlank()) {
			return null;
		}
		if (!text.strip().matches("\\d{1,9}")) {
			problems.add(new FieldProblem(field, "servicedesk.dispatch.error.number"));
			return null;
		}
		return Long.valueOf(text.strip());
	}

	private static OffsetDateTime time(String text, String field, List<FieldProblem> problems) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(text.strip()).atZone(CityTime.ZONE).toOffsetDateTime();
		}
		catch (DateTimeParseException ex) {
			problems.add(new FieldProblem(field, "servicedesk.dispatch.error.time"));
			return null;
		}
	}

	@ExceptionHandler(DispatchRefusedException.class)
	ModelAndView refused(DispatchRefusedException ex, @AuthenticationPrincipal ScopedUser user,
			HttpServletRequest request) {
		// an exception handler's model gets no model attributes: the page context is made here
		ModelAndView view = page(user, "", ex.problems(), ex.kind() == DispatchRefusedException.Kind.CONFLICT
				? HttpServletResponse.SC_CONFLICT : HttpServletResponse.SC_BAD_REQUEST);
		view.addObject("ctx", new PageContext(messages, RequestContextUtils.getLocale(request), user,
				(CsrfToken) request.getAttribute(CsrfToken.class.getName()), request.getRequestURI()));
		return view;
	}
}
