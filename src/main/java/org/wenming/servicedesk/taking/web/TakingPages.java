package org.wenming.servicedesk.taking.web;

import java.math.BigDecimal;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.PageContext;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.FieldProblem;
import org.wenming.servicedesk.dispatch.Dispatch;
import org.wenming.servicedesk.dispatch.DispatchRefusedException;
import org.wenming.servicedesk.taking.Completion;
import org.wenming.servicedesk.taking.Ratings;
import org.wenming.servicedesk.taking.ServiceRefusedException;
import org.wenming.servicedesk.taking.Taking;
import org.wenming.shared.ScopedUser;

/**
 * The taking part's pages: 接单 for volunteers ({@code /me/service-orders}: their teams' open orders, a take
 * button each; at 375 px and in the elderly mode), the team leader's orders ({@code /admin/service/team-orders}:
 * takers and places, assign a member, hand back with a reason, report completion with a note and photos),
 * the site staff's follow-ups of poor ratings ({@code /admin/service/followups}) and the rating posted from
 * the private link's page ({@code /service/follow/{token}/rating}). A refused step shows the page again with
 * the reason (400 bad input, 403 not allowed, 409 the state).
 */
@Controller
class TakingPages extends PageController {

	private final Taking taking;

	private final Completion completion;

	private final Ratings ratings;

	private final Dispatch dispatch;

	private final MessageSource messages;

	TakingPages(Taking taking, Completion completion, Ratings ratings, Dispatch dispatch, MessageSource messages) {
		this.taking = taking;
		this.completion = completion;
		this.ratings = ratings;
		this.dispatch = dispatch;
		this.messages = messages;
	}

	// ---- 接单: the volunteer's page ------------------------------------------------------------------------

	@GetMapping("/me/service-orders")
	ModelAndView takeable(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) BigDecimal lat,
			@RequestParam(required = false) BigDecimal lon, @RequestParam(required = false) String taken) {
		return takePage(user, latitude(lat), longitude(lon), taken != null, List.of(), HttpServletResponse.SC_OK);
	}

	private ModelAndView takePage(ScopedUser user, BigDecimal lat, BigDecimal lon, boolean taken,
			List<FieldProblem> problems, int status) {
		Map<String, Object> model = new HashMap<>();
		model.put("orders", taking.takeable(user, lat, lon));
		model.put("volunteer", taking.isVolunteer(user));
		model.put("taken", taken);
		model.put("problems", problems);
		model.put("lat", lat == null ? "" : lat.toPlainString());
		model.put("lon", lon == null ? "" : lon.toPlainString());
		ModelAndView view = new ModelAndView("servicedesk/service/take", model);
		view.setStatus(HttpStatusCode.valueOf(status));
		return view;
	}

	@PostMapping("/me/service-orders/{id}/take")
	String take(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		taking.take(QueryParameters.id(id), user);
		return "redirect:/me/service-orders?taken";
	}

	// ---- the team leader's orders -------------------------------------------------------------------------

	@GetMapping("/admin/service/team-orders")
	ModelAndView teamOrders(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String done) {
		return teamPage(user, done != null && done.matches("[a-z]{1,12}") ? done : "", List.of(),
				HttpServletResponse.SC_OK);
	}

	private ModelAndView teamPage(ScopedUser user, String done, List<FieldProblem> problems, int status) {
		Map<String, Object> model = new HashMap<>();
		model.put("orders", taking.teamOrders(user));
		model.put("done", done);
		model.put("problems", problems);
		model.put("maxPhotos", completion.maxPhotos());
		ModelAndView view = new ModelAndView("servicedesk/service/team-orders", model);
		view.setStatus(HttpStatusCode.valueOf(status));
		return view;
	}

	@PostMapping("/admin/service/team-orders/{id}/assign")
	String assign(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String volunteerId) {
		Long volunteer = volunteerId == null || volunteerId.isBlank() ? null : parse(volunteerId, "volunteerId");
		taking.assign(QueryParameters.id(id), volunteer, user);
		return "redirect:/admin/service/team-orders?done=assigned";
	}

	@PostMapping("/admin/service/team-orders/{id}/hand-back")
	String handBack(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String reason) {
		dispatch.handBack(QueryParameters.id(id), reason, user);
		return "redirect:/admin/service/team-orders?done=handedback";
	}

	@PostMapping("/admin/service/team-orders/{id}/complete")
	String complete(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String note,
			@RequestParam(name = "photos", required = false) List<MultipartFile> photos) {
		completion.complete(QueryParameters.id(id), note, TakingApiController.bytes(photos), user);
		return "redirect:/admin/service/team-orders?done=completed";
	}

	// ---- follow-ups of poor ratings ------------------------------------------------------------------------

	@GetMapping("/admin/service/followups")
	ModelAndView followups(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String closed) {
		return followupPage(user, closed != null, List.of(), HttpServletResponse.SC_OK);
	}

	private ModelAndView followupPage(ScopedUser user, boolean closed, List<FieldProblem> problems, int status) {
		Map<String, Object> model = new HashMap<>();
		model.put("followups", ratings.openFollowups(user));
		model.put("closed", closed);
		model.put("problems", problems);
		ModelAndView view = new ModelAndView("servicedesk/service/followups", model);
		view.setStatus(HttpStatusCode.valueOf(status));
		return view;
	}

	@PostMapping("/admin/service/followups/{id}/close")
	String closeFollowup(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String note) {
		ratings.closeFollowup(QueryParameters.id(id), note, user);
		return "redirect:/admin/service/followups?closed";
	}

	// ---- the rating, from the private link's page ---------------------------------------------------------

	@PostMapping("/service/follow/{token}/rating")
	String rate(@PathVariable String token, @RequestParam(required = false) String stars,
			@RequestParam(required = false) String comment, HttpServletResponse response) {
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Referrer-Policy", "no-referrer");
		Integer given = stars == null || stars.isBlank() ? null : parseStars(stars);
		ratings.rate(token, given, comment);
		return "redirect:/service/follow/" + token + "?rated";
	}

	private static Integer parseStars(String text) {
		if (!text.strip().matches("\\d{1,2}")) {
			throw ServiceRefusedException.invalid("stars", "servicedesk.service.error.stars");
		}
		return Integer.valueOf(text.strip());
	}

	private static Long parse(String text, String field) {
		if (!text.strip().matches("\\d{1,18}")) {
			throw ServiceRefusedException.invalid(field, "servicedesk.service.error.number");
		}
		return Long.valueOf(text.strip());
	}

	/** A latitude within range, or none. */
	static BigDecimal latitude(BigDecimal lat) {
		if (lat == null) {
			return null;
		}
		if (lat.abs().compareTo(BigDecimal.valueOf(90)) > 0) {
			throw new InvalidInputException("lat", "servicedesk.service.error.position");
		}
		return lat;
	}

	static BigDecimal longitude(BigDecimal lon) {
		if (lon == null) {
			return null;
		}
		if (lon.abs().compareTo(BigDecimal.valueOf(180)) > 0) {
			throw new InvalidInputException("lon", "servicedesk.service.error.position");
		}
		return lon;
	}

	// ---- refusals ------------------------------------------------------------------------------------------

	@ExceptionHandler(ServiceRefusedException.class)
	ModelAndView refused(ServiceRefusedException ex, @AuthenticationPrincipal ScopedUser user,
			HttpServletRequest request) {
		int status = switch (ex.kind()) {
			case INVALID -> HttpServletResponse.SC_BAD_REQUEST;
			case CONFLICT -> HttpServletResponse.SC_CONFLICT;
			case FORBIDDEN -> HttpServletResponse.SC_FORBIDDEN;
		};
		return again(request, user, ex.problems(), status);
	}

	@ExceptionHandler(DispatchRefusedException.class)
	ModelAndView handBackRefused(DispatchRefusedException ex, @AuthenticationPrincipal ScopedUser user,
			HttpServletRequest request) {
		int status = ex.kind() == DispatchRefusedException.Kind.CONFLICT ? HttpServletResponse.SC_CONFLICT
				: HttpServletResponse.SC_BAD_REQUEST;
		return again(request, user, ex.problems(), status);
	}

	/** The page the refused form was on, again, with the reasons (an exception handler builds its own context). */
	private ModelAndView again(HttpServletRequest request, ScopedUser user, List<FieldProblem> problems, int status) {
		String uri = request.getRequestURI();
		ModelAndView view;
		if (uri.startsWith("/me/service-orders")) {
			view = takePage(user, null, null, false, problems, status);
		}
		else if (uri.startsWith("/admin/service/team-orders")) {
			view = teamPage(user, "", problems, status);
		}
		else if (uri.startsWith("/admin/service/followups")) {
			view = followupPage(user, false, problems, status);
		}
		else {
			String token = uri.replaceFirst("^/service/follow/", "").replaceFirst("/rating$", "");
			if (!token.matches("[A-Za-z0-9_-]{16,64}")) {
				throw new RecordNotFound();
			}
			view = new ModelAndView("servicedesk/service/rating-refused",
					Map.of("problems", problems, "back", "/service/follow/" + token));
			view.setStatus(HttpStatusCode.valueOf(status));
		}
		view.addObject("ctx", new PageContext(messages, RequestContextUtils.getLocale(request), user,
				(CsrfToken) request.getAttribute(CsrfToken.class.getName()), uri));
		return view;
	}
}
