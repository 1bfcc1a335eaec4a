package org.wenming.servicedesk.taking.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import org.springframework.web.multipart.MultipartFile;
import org.wenming.platform.ApiIds;
import org.wenming.platform.ApiProblems;
import org.wenming.region.FieldProblem;
import org.wenming.servicedesk.taking.Completion;
import org.wenming.servicedesk.taking.Ratings;
import org.wenming.servicedesk.taking.ServiceRefusedException;
import org.wenming.servicedesk.taking.Taking;
import org.wenming.shared.ScopedUser;

/**
 * The taking part's JSON: a volunteer's takeable orders ({@code GET /api/v1/service/takeable?lat=&lon=}:
 * village, time, what, places left — never the contact, the address or the position), a take
 * ({@code POST /orders/{id}/take}), a leader's team orders and assignment ({@code GET /team-orders},
 * {@code POST /orders/{id}/assign}), the completion ({@code POST /orders/{id}/complete}, JSON or multipart
 * with {@code photos}), the rating by the private link ({@code POST /follow/{token}/rating}) and the poor
 * ratings' follow-ups ({@code GET /followups}, {@code POST /followups/{orderId}/close}). Refusals: 400 naming
 * the field, 403 not allowed, 409 the state (the reason in {@code detail}); outside scope 404.
 */
@RestController
@RequestMapping("/api/v1/service")
class TakingApiController {

	private final Taking taking;

	private final Completion completion;

	private final Ratings ratings;

	private final MessageSource messages;

	TakingApiController(Taking taking, Completion completion, Ratings ratings, MessageSource messages) {
		this.taking = taking;
		this.completion = completion;
		this.ratings = ratings;
		this.messages = messages;
	}

	record Assignment(Long volunteerId) {
	}

	record Report(String note) {
	}

	record Rating(Integer stars, String comment) {
	}

	record Done(long id, String status) {
	}

	@GetMapping("/takeable")
	List<Taking.Takeable> takeable(@AuthenticationPrincipal ScopedUser user,
			@RequestParam(required = false) BigDecimal lat, @RequestParam(required = false) BigDecimal lon) {
		return taking.takeable(user, TakingPages.latitude(lat), TakingPages.longitude(lon));
	}

	@PostMapping("/orders/{id}/take")
	Taking.Taken take(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		return taking.take(ApiIds.id(id), user);
	}

	@PostMapping("/orders/{id}/assign")
	Taking.Taken assign(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody(required = false) Assignment body) {
		return taking.assign(ApiIds.id(id), body == null ? null : body.volunteerId(), user);
	}

	@GetMapping("/team-orders")
	List<Taking.TeamOrder> teamOrders(@AuthenticationPrincipal ScopedUser user) {
		return taking.teamOrders(user);
	}

	@PostMapping(path = "/orders/{id}/complete", consumes = MediaType.APPLICATION_JSON_VALUE)
	Done complete(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody(required = false) Report body) {
		long order = ApiIds.id(id);
		completion.complete(order, body == null ? null : body.note(), List.of(), user);
		return new Done(order, "SERVED");
	}

	@PostMapping(path = "/orders/{id}/complete", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Done completeWithPhotos(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String note,
			@RequestParam(name = "photos", required = false) List<MultipartFile> photos) {
		long order = ApiIds.id(id);
		completion.complete(order, note, bytes(photos), user);
		return new Done(order, "SERVED");
	}

	@PostMapping("/follow/{token}/rating")
	Done rate(@PathVariable String token, @RequestBody(required = false) Rating body) {
		ratings.rate(token, body == null ? null : body.stars(), body == null ? null : body.comment());
		return new Done(0, "RATED");
	}

	@GetMapping("/followups")
	List<Ratings.Followup> followups(@AuthenticationPrincipal ScopedUser user) {
		return ratings.openFollowups(user);
	}

	@PostMapping("/followups/{orderId}/close")
	Done closeFollowup(@AuthenticationPrincipal ScopedUser user, @PathVariable String orderId,
			@RequestBody(required = false) Report body) {
		long order = ApiIds.id(orderId);
		ratings.closeFollowup(order, body == null ? null : body.note(), user);
		return new Done(order, "CLOSED");
	}

	static List<byte[]> bytes(List<MultipartFile> files) {
		List<byte[]> out = new ArrayList<>();
		if (files == null) {
			return out;
		}
		for (MultipartFile file : files) {
			if (file == null || file.isEmpty()) {
				continue;
			}
			try {
				out.add(file.getBytes());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return out;
	}

	@ExceptionHandler(ServiceRefusedException.class)
	ResponseEntity<ProblemDetail> refused(ServiceRefusedException ex, Locale locale) {
		if (ex.kind() == ServiceRefusedException.Kind.INVALID) {
			return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(ApiProblems.invalid(
					ApiProblems.errors(ex.problems(), FieldProblem::field, FieldProblem::messageKey, messages, locale)));
		}
		HttpStatus status = ex.kind() == ServiceRefusedException.Kind.CONFLICT ? HttpStatus.CONFLICT
				: HttpStatus.FORBIDDEN;
		String key = ex.messageKey();
		return ResponseEntity.status(status)
			.body(ApiProblems.problem(status, messages.getMessage(key, null, key, locale)));
	}
}
