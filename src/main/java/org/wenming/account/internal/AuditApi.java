package org.wenming.account.internal;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.shared.ScopedUser;

/** The security audit as JSON, within the caller's scope, newest first. */
@RestController
class AuditApi {

	private final SecurityEvents events;

	private final ApiErrors errors;

	AuditApi(SecurityEvents events, ApiErrors errors) {
		this.events = events;
		this.errors = errors;
	}

	record EventView(long id, String occurredAt, String type, Long actorUserId, String actorUsername,
			Long targetUserId, String targetUsername, String ip, String outcome, String detail) {

		static EventView of(SecurityEvent e) {
			return new EventView(e.id(), e.occurredAt().toString(), e.type().name(), e.actorUserId(),
					e.actorUsername(), e.targetUserId(), e.targetUsername(), e.ip(), e.outcome(), e.detail());
		}
	}

	record EventList(List<EventView> items, long total, int page, int size) {
	}

	@GetMapping("/api/v1/admin/audit")
	EventList audit(@AuthenticationPrincipal ScopedUser actor, @RequestParam(required = false) String type,
			@RequestParam(required = false) String username, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String page) {
		AuditFilter filter = AuditFilter.parse(type, username, from, to);
		int number = UserFilter.pageNumber(page);
		List<EventView> items = events.find(actor.scope(), filter, (number - 1) * AuditPages.PAGE_SIZE,
				AuditPages.PAGE_SIZE).stream().map(EventView::of).toList();
		return new EventList(items, events.count(actor.scope(), filter), number, AuditPages.PAGE_SIZE);
	}

	@ExceptionHandler(InvalidFields.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ProblemDetail invalid(InvalidFields invalid) {
		return errors.invalid(invalid.errors());
	}
}
