package org.wenming.activity.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.wenming.activity.ActivityRefusedException;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.FieldProblem;

import tools.jackson.core.JacksonException;

/**
 * Problem documents (RFC 9457) for the activity API: refused input names its fields (400), a state
 * that does not allow the step answers 409, a person who may not take it 403, unknown records 404.
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
				.body(problem(status, messages.getMessage(ex.messageKey(), null, ex.messageKey(), locale), null));
		}
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldProblem p : ex.problems()) {
			errors.add(Map.of("field", p.field(), "message", messages.getMessage(p.messageKey(), null, p.messageKey(), locale)));
		}
		return ResponseEntity.status(status).body(problem(status, "Invalid input", errors));
	}

	@ExceptionHandler(RecordNotFound.class)
	ResponseEntity<ProblemDetail> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "No such record", null));
	}

	/** Malformed JSON or a value of the wrong type: name the field when the parser knows it. */
	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
				StringBuilder path = new StringBuilder();
				for (JacksonException.Reference ref : jackson.getPath()) {
					if (ref.getPropertyName() != null) {
						path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
					}
					else if (ref.getIndex() >= 0) {
						path.append('[').append(ref.getIndex()).append(']');
					}
				}
				if (!path.isEmpty()) {
					return problem(HttpStatus.BAD_REQUEST, "Invalid input",
							List.of(Map.of("field", path.toString(), "message", "has the wrong type or format")));
				}
			}
		}
		return problem(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape",
				List.of(Map.of("field", "body", "message", "is not valid JSON of the expected shape")));
	}

	static ResponseStatusException notFoundException() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

	static ProblemDetail problem(HttpStatus status, String detail, List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status.getReasonPhrase());
		if (errors != null) {
			problem.setProperty("errors", errors);
		}
		return problem;
	}
}
