package org.wenming.volunteer.team.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.wenming.region.FieldProblem;

import tools.jackson.core.JacksonException;

/** Problem documents (RFC 9457) for refused team input, in the shape the platform's API uses. */
final class TeamProblems {

	private TeamProblems() {
	}

	static ProblemDetail refused(List<FieldProblem> problems, MessageSource messages, Locale locale) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldProblem problem : problems) {
			errors.add(Map.of("field", problem.field(), "message",
					messages.getMessage(problem.messageKey(), null, problem.messageKey(), locale)));
		}
		return problem(HttpStatus.BAD_REQUEST, "Invalid input", errors);
	}

	/** Malformed JSON or a value of the wrong type: name the field when the parser knows it. */
	static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
				StringBuilder path = new StringBuilder();
				for (JacksonException.Reference ref : jackson.getPath()) {
					if (ref.getPropertyName() != null) {
						path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
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

	static ProblemDetail stale() {
		return problem(HttpStatus.CONFLICT,
				"The team was changed by someone else since you loaded it; reload it and apply your change again", null);
	}

	static ProblemDetail membership(HttpStatus status, String messageKey, MessageSource messages, Locale locale) {
		return problem(status, messages.getMessage(messageKey, null, messageKey, locale), null);
	}

	private static ProblemDetail problem(HttpStatus status, String detail, List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status.getReasonPhrase());
		if (errors != null) {
			problem.setProperty("errors", errors);
		}
		return problem;
	}
}
