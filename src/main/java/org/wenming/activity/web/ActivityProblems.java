package org.wenming.activity.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.wenming.activity.ActivityRefusedException;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.FieldProblem;

/**
 * Problem documents (RFC 9457) for the activity API: refused input names its fields (400), a state
 * that does not allow the step answers 409, a person who may not take it 403, unknown records 404.
 * Unreadable bodies are the platform's ({@link ApiProblems}).
 */
abstract class ActivityProblems {

	private final MessageSource messages;

	ActivityProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(ActivityRefusedException.class)
	ResponseEntity<ProblemDetail> refused(ActivityRefusedException ex, Locale locale) {
		HttpStatus status = switch (ex.kind()) {
			case FORBIDDEN -> HttpStatus.FORBIDDEN;
			case CONFLICT -> HttpStatus.CONFLICT;
			case INVALID -> HttpStatus.BAD_REQUEST;
		};
		if (ex.kind() != ActivityRefusedException.Kind.INVALID) {
			return ResponseEntity.status(status)
				.body(ApiProblems.problem(status, messages.getMessage(ex.messageKey(), null, ex.messageKey(), locale)));
		}
		return ResponseEntity.status(status).body(ApiProblems.invalid(
				ApiProblems.errors(ex.problems(), FieldProblem::field, FieldProblem::messageKey, messages, locale)));
	}

	@ExceptionHandler(RecordNotFound.class)
	ResponseEntity<ProblemDetail> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiProblems.problem(HttpStatus.NOT_FOUND, "No such record"));
	}

	static ResponseStatusException notFoundException() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}
}
