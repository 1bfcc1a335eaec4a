package org.wenming.servicedesk.dispatch.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wenming.platform.ApiIds;
import org.wenming.platform.Paging;
import org.wenming.platform.ApiProblems;
import org.wenming.region.FieldProblem;
import org.wenming.servicedesk.dispatch.Dispatch;
import org.wenming.servicedesk.dispatch.DispatchDraft;
import org.wenming.servicedesk.dispatch.DispatchQueue;
import org.wenming.servicedesk.dispatch.DispatchRefusedException;
import org.wenming.shared.ScopedUser;

/**
 * The dispatch JSON API: a staff member's queue, and each step of an order
 * ({@code POST /api/v1/service/orders/{id}/accept|decline|pass-up|dispatch|hand-back|cancel|reveal}).
 * Outside the caller's scope: 404 and a security event (the platform's handler); refused input: 400 naming
 * the fields; a step the order's state does not allow: 409.
 */
@RestController
@RequestMapping("/api/v1/service")
class DispatchApiController {

	private final Dispatch dispatch;

	private final DispatchQueue queue;

	private final MessageSource messages;

	DispatchApiController(Dispatch dispatch, DispatchQueue queue, MessageSource messages) {
		this.dispatch = dispatch;
		this.queue = queue;
		this.messages = messages;
	}

	/** The body of a step: a reason (decline, hand-back, cancel, reveal; a note to pass up), or the dispatch. */
	record Step(String reason, Long teamId, Integer needed, OffsetDateTime startsAt, OffsetDateTime endsAt) {
	}

	record QueueItem(long id, String orderNumber, String category, String what, String regionCode, String status,
			long siteId, String siteName, int escalationLevel, Long teamId, Integer needed, Instant receivedAt,
			Instant due, boolean overdue, String contactName, String contactMasked) {
	}

	record Moved(long id, String status, Long shiftId) {
	}

	/** One page of the queue ({@code ?status=&overdue=true&category=&page=&size=}), with the total. */
	@GetMapping("/queue")
	Paging.Page<QueueItem> queue(@AuthenticationPrincipal ScopedUser user,
			@RequestParam(required = false) String status, @RequestParam(required = false) String overdue,
			@RequestParam(required = false) String category, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		Paging.Page<DispatchQueue.Row> found = queue.queue(user, DispatchQueue.Filter.of(status, overdue, category),
				Paging.page(page), Paging.size(size, DispatchQueue.PAGE_SIZE, DispatchQueue.PAGE_SIZE_MAX));
		return new Paging.Page<>(found.items().stream()
			.map(r -> new QueueItem(r.id(), r.orderNumber(), r.category(), r.what(), r.regionCode(), r.status().name(),
					r.siteId(), r.siteName(), r.escalationLevel(), r.teamId(), r.needed(), r.receivedAt(), r.due(),
					r.overdue(), r.contactName(), r.contactMasked()))
			.toList(), found.total(), found.page(), found.size(), found.pages());
	}

	@PostMapping("/orders/{id}/{action}")
	Object step(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, @PathVariable String action,
			@RequestBody(required = false) Step body) {
		long order = ApiIds.id(id);
		Step step = body == null ? new Step(null, null, null, null, null) : body;
		Long shift = null;
		String status;
		switch (action) {
			case "accept" -> {
				dispatch.accept(order, user);
				status = "ACCEPTED";
			}
			case "decline" -> {
				dispatch.decline(order, step.reason(), user);
				status = "DECLINED";
			}
			case "pass-up" -> {
				dispatch.passUp(order, step.reason(), user);
				status = "PASSED_UP";
			}
			case "dispatch" -> {
				shift = dispatch.dispatch(order, new DispatchDraft(step.teamId(), step.needed(), step.startsAt(),
						step.endsAt()), user);
				status = "DISPATCHED";
			}
			case "hand-back" -> {
				dispatch.handBack(order, step.reason(), user);
				status = "HANDED_BACK";
			}
			case "cancel" -> {
				dispatch.cancel(order, step.reason(), user);
				status = "CANCELLED";
			}
			case "reveal" -> {
				return dispatch.reveal(order, step.reason(), user);
			}
			default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return new Moved(order, status, shift);
	}

	@ExceptionHandler(DispatchRefusedException.class)
	ResponseEntity<ProblemDetail> refused(DispatchRefusedException ex, Locale locale) {
		if (ex.kind() == DispatchRefusedException.Kind.CONFLICT) {
			String key = ex.problems().get(0).messageKey();
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(ApiProblems.problem(HttpStatus.CONFLICT, messages.getMessage(key, null, key, locale)));
		}
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(ApiProblems.invalid(
				ApiProblems.errors(ex.problems(), FieldProblem::field, FieldProblem::messageKey, messages, locale)));
	}
}
