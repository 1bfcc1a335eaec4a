package org.wenming.honor.vetting.web;

import java.time.Instant;
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
import org.wenming.honor.NominationStatus;
import org.wenming.honor.vetting.Vetting;
import org.wenming.honor.vetting.VettingRefusedException;
import org.wenming.platform.ApiIds;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.Paging;
import org.wenming.region.FieldProblem;
import org.wenming.shared.ScopedUser;

/**
 * The vetting JSON API: the office's queue ({@code GET /api/v1/honor/vetting?category=&quarter=&page=&size=}),
 * a nomination ({@code GET /api/v1/honor/vetting/{id}}, numbers masked) and a decision
 * ({@code POST /api/v1/honor/vetting/{id}/decision} with {@code decision}, {@code reason}, {@code version}).
 * Outside the scope: 404; bad input: 400 naming the field; another level or a stale version: 409.
 */
@RestController
@RequestMapping("/api/v1/honor/vetting")
class VettingApiController {

	private final Vetting vetting;

	private final MessageSource messages;

	VettingApiController(Vetting vetting, MessageSource messages) {
		this.vetting = vetting;
		this.messages = messages;
	}

	record DecisionBody(String decision, String reason, Integer version) {
	}

	record Decided(long id, String status) {
	}

	record Item(long id, String number, String category, String kind, String nomineeName, String title,
			String regionCode, String regionName, String quarter, String level, Instant submittedAt, int version) {
	}

	@GetMapping
	Paging.Page<Item> queue(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String category,
			@RequestParam(required = false) String quarter, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		Paging.Page<Vetting.Row> found = vetting.queue(user, Vetting.Filter.of(category, quarter), Paging.page(page),
				Paging.size(size, Vetting.PAGE_SIZE, Vetting.PAGE_SIZE_MAX));
		return new Paging.Page<>(found.items().stream()
			.map(r -> new Item(r.id(), r.number(), r.category().name(), r.kind(), r.nomineeName(), r.title(),
					r.regionCode(), r.regionName(), r.quarter(), r.level().name(), r.submittedAt(), r.version()))
			.toList(), found.total(), found.page(), found.size(), found.pages());
	}

	@GetMapping("/{id}")
	Vetting.Detail detail(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		return vetting.detail(ApiIds.id(id), user);
	}

	@PostMapping("/{id}/decision")
	Decided decide(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody(required = false) DecisionBody body) {
		long nomination = ApiIds.id(id);
		DecisionBody b = body == null ? new DecisionBody(null, null, null) : body;
		Vetting.Decision decision = null;
		if (b.decision() != null) {
			try {
				decision = Vetting.Decision.valueOf(b.decision());
			}
			catch (IllegalArgumentException ex) {
				throw VettingRefusedException.invalid("decision", "honor.vetting.error.decision");
			}
		}
		NominationStatus after = vetting.decide(nomination, b.version(), decision, b.reason(), user);
		return new Decided(nomination, after.name());
	}

	@ExceptionHandler(VettingRefusedException.class)
	ResponseEntity<ProblemDetail> refused(VettingRefusedException ex, Locale locale) {
		return VettingApiController.problem(ex, messages, locale);
	}

	static ResponseEntity<ProblemDetail> problem(VettingRefusedException ex, MessageSource messages, Locale locale) {
		HttpStatus status = ex.kind() == VettingRefusedException.Kind.CONFLICT ? HttpStatus.CONFLICT
				: HttpStatus.BAD_REQUEST;
		return ResponseEntity.status(status).body(ApiProblems.problem(status,
				messages.getMessage(ex.problems().get(0).messageKey(), null, ex.problems().get(0).messageKey(), locale),
				ApiProblems.errors(ex.problems(), FieldProblem::field, FieldProblem::messageKey, messages, locale)));
	}
}
