package org.wenming.region.web;

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

/** Problem documents (RFC 9457) for refused site input, in the shape the platform's API uses. */
final class SiteProblems {

	private SiteProblems() {
	}

	static ProblemDetail refused(List<FieldProblem> problems, MessageSource messages, Locale locale) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldProblem problem : problems) {
			errors.add(Map.of("field", problem.field(), "message",
					messages.getMessage(problem.messageKey(), null, problem.messageKey(), locale)));
		}
		return badRequest("Invalid input", errors);
	}

	/** Malformed JSON or a value of the wrong type: name the field when the parser knows it. */
	static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		String field = "body";
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
				StringBuilder path = new StringBuilder();
				for (JacksonException.Reference ref : jackson.getPath()) {
					if (ref.getPropertyName() != null) {
						path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
					}
				}
				if (!path.isEmpty()) {
					field = path.toString();
					return badRequest("Invalid input", List.of(Map.of("field", field, "message", "has the wrong type or format")));
				}
			}
		}
		return badRequest("The request body is not valid JSON of the expected shape",
				List.of(Map.of("field", field, "message", "is not valid JSON of the expected shape")));
	}

	static ProblemDetail stale() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The site was changed by someone else since you loaded it; reload it and apply your change again");
		problem.setTitle("Conflict");
		return problem;
	}

	private static ProblemDetail badRequest(String detail, List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Bad Request");
		problem.setProperty("errors", errors);
		return problem;
	}
}
