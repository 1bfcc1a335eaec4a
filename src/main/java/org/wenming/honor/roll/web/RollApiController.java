package org.wenming.honor.roll.web;

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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.honor.Honour;
import org.wenming.honor.roll.Roll;
import org.wenming.honor.vetting.VettingRefusedException;
import org.wenming.platform.ApiIds;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.Paging;
import org.wenming.region.FieldProblem;
import org.wenming.shared.ScopedUser;

/**
 * The city office's roll by JSON, beside {@code /admin/honor/roll}: the nominations in review
 * ({@code GET /api/v1/honor/roll/review}), the latest entries ({@code GET /api/v1/honor/roll/entries?size=}, at most 500),
 * the quarter's publication ({@code POST /api/v1/honor/roll/publications} with {@code quarter} and
 * {@code nominationIds}: 201 with the entries' ids), a rejection in review
 * ({@code POST /api/v1/honor/roll/{nominationId}/rejection} with {@code reason}) and the province's and the
 * nation's picks and the moral models ({@code POST /api/v1/honor/roll/picks} with {@code nominationId},
 * {@code honour}, {@code period}, {@code decisionDocument}: 201 with the entry's id). The city office (or a
 * system administrator) only: anyone else 403; a nomination outside the scope 404 (400 naming
 * {@code nominationIds[n]} in a publication); bad input 400 naming the field, nothing stored; a decided
 * nomination 409.
 */
@RestController
@RequestMapping("/api/v1/honor/roll")
class RollApiController {

	record PublicationBody(String quarter, List<Long> nominationIds) {
	}

	record Published(String quarter, List<Long> entryIds) {
	}

	record RejectionBody(String reason) {
	}

	record Rejected(long nominationId, String status) {
	}

	record PickBody(Long nominationId, String honour, String period, String decisionDocument) {
	}

	record Picked(long entryId, long nominationId, String honour, String period) {
	}

	private final Roll roll;

	private final MessageSource messages;

	RollApiController(Roll roll, MessageSource messages) {
		this.roll = roll;
		this.messages = messages;
	}

	@GetMapping("/review")
	List<Roll.InReview> review(@AuthenticationPrincipal ScopedUser user) {
		return roll.inReview(user);
	}

	@GetMapping("/entries")
	List<Roll.Entry> entries(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String size) {
		return roll.entries(user, Paging.size(size, 100, 500));
	}

	@PostMapping("/publications")
	@ResponseStatus(HttpStatus.CREATED)
	Published publish(@AuthenticationPrincipal ScopedUser user, @RequestBody(required = false) PublicationBody body) {
		PublicationBody b = body == null ? new PublicationBody(null, null) : body;
		List<Long> ids = b.nominationIds() == null ? List.of() : b.nominationIds();
		for (int i = 0; i < ids.size(); i++) {
			if (ids.get(i) == null || ids.get(i) < 1) {
				throw VettingRefusedException.invalid("nominationIds[" + i + "]", "honor.roll.error.unknownNomination");
			}
		}
		return new Published(b.quarter() == null ? null : b.quarter().strip(), roll.publish(ids, b.quarter(), user));
	}

	@PostMapping("/{nominationId}/rejection")
	Rejected reject(@AuthenticationPrincipal ScopedUser user, @PathVariable String nominationId,
			@RequestBody(required = false) RejectionBody body) {
		long id = ApiIds.id(nominationId);
		roll.reject(id, body == null ? null : body.reason(), user);
		return new Rejected(id, "REJECTED");
	}

	@PostMapping("/picks")
	@ResponseStatus(HttpStatus.CREATED)
	Picked pick(@AuthenticationPrincipal ScopedUser user, @RequestBody(required = false) PickBody body) {
		PickBody b = body == null ? new PickBody(null, null, null, null) : body;
		if (b.nominationId() == null || b.nominationId() < 1) {
			throw VettingRefusedException.invalid("nominationId", "honor.roll.error.unknownNomination");
		}
		Honour honour = null;
		if (b.honour() != null) {
			try {
				honour = Honour.valueOf(b.honour().strip());
			}
			catch (IllegalArgumentException ex) {
				throw VettingRefusedException.invalid("honour", "honor.roll.error.honour");
			}
		}
		long entry = roll.recordPick(b.nominationId(), honour, b.period(), b.decisionDocument(), user);
		return new Picked(entry, b.nominationId(), honour.name(), b.period().strip());
	}

	@ExceptionHandler(VettingRefusedException.class)
	ResponseEntity<ProblemDetail> refused(VettingRefusedException ex, Locale locale) {
		HttpStatus status = ex.kind() == VettingRefusedException.Kind.CONFLICT ? HttpStatus.CONFLICT
				: HttpStatus.BAD_REQUEST;
		return ResponseEntity.status(status).body(ApiProblems.problem(status,
				messages.getMessage(ex.problems().get(0).messageKey(), null, ex.problems().get(0).messageKey(), locale),
				ApiProblems.errors(ex.problems(), FieldProblem::field, FieldProblem::messageKey, messages, locale)));
	}
}
