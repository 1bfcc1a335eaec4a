package org.wenming.servicedesk.dispatch.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.FieldProblem;
import org.wenming.servicedesk.dispatch.Dispatch;
import org.wenming.servicedesk.dispatch.DispatchRefusedException;
import org.wenming.servicedesk.dispatch.OrderHistory;
import org.wenming.servicedesk.order.OrderPhotos;
import org.wenming.shared.ScopedUser;

/**
 * One order for staff in scope ({@code /admin/service/orders/{id}}): its facts, its whole history (actor, reason,
 * time of every event), its photos, and the reveal form — a reason required, then the contact's mobile and the
 * home address shown once on the answer (never stored in the page's address or a cache) and a REVEALED event
 * recorded. Outside the scope 404 with a security event.
 */
@Controller
@RequestMapping("/admin/service/orders/{id}")
class OrderDetailPages extends PageController {

	private final OrderHistory history;

	private final Dispatch dispatch;

	private final MessageSource messages;

	OrderDetailPages(OrderHistory history, Dispatch dispatch, MessageSource messages) {
		this.history = history;
		this.dispatch = dispatch;
		this.messages = messages;
	}

	@GetMapping
	ModelAndView show(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		return page(user, QueryParameters.id(id), null, List.of(), HttpServletResponse.SC_OK);
	}

	@PostMapping("/reveal")
	ModelAndView reveal(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String reason, HttpServletResponse response) {
		long order = QueryParameters.id(id);
		// staff out of scope are refused (404, security event) before the reason is looked at
		history.detail(order, user);
		Dispatch.Revealed revealed = dispatch.reveal(order, reason, user);
		response.setHeader("Cache-Control", "no-store");
		return page(user, order, revealed, List.of(), HttpServletResponse.SC_OK);
	}

	@GetMapping("/photos/{photoId}")
	ResponseEntity<byte[]> photo(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String photoId) {
		OrderPhotos.Content content = history.photo(QueryParameters.id(id), QueryParameters.id(photoId), user)
			.orElseThrow(RecordNotFound::new);
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.contentType()))
			.cacheControl(CacheControl.noStore()).header("X-Content-Type-Options", "nosniff").body(content.bytes());
	}

	private ModelAndView page(ScopedUser user, long order, Dispatch.Revealed revealed, List<FieldProblem> problems,
			int status) {
		Map<String, Object> model = new HashMap<>();
		model.put("detail", history.detail(order, user));
		model.put("revealed", java.util.Optional.ofNullable(revealed));
		model.put("problems", problems);
		ModelAndView view = new ModelAndView("servicedesk/dispatch/order", model);
		view.setStatus(org.springframework.http.HttpStatusCode.valueOf(status));
		return view;
	}

	@ExceptionHandler(DispatchRefusedException.class)
	ModelAndView refused(DispatchRefusedException ex, @AuthenticationPrincipal ScopedUser user,
			HttpServletRequest request) {
		String id = request.getRequestURI().replaceAll("^/admin/service/orders/(\\d{1,18}).*$", "$1");
		ModelAndView view = page(user, QueryParameters.id(id), null, ex.problems(),
				ex.kind() == DispatchRefusedException.Kind.CONFLICT ? HttpServletResponse.SC_CONFLICT
						: HttpServletResponse.SC_BAD_REQUEST);
		// an exception handler's model gets no model attributes: the page context is made here
		view.addObject("ctx", new PageContext(messages, RequestContextUtils.getLocale(request), user,
				(CsrfToken) request.getAttribute(CsrfToken.class.getName()), request.getRequestURI()));
		return view;
	}
}
