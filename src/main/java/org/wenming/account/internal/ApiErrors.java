package org.wenming.account.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;

/**
 * Problem documents for the account API, in the shape the platform uses ({@code errors: [{field,
 * message}]}), with messages from the account bundle in the client's language.
 */
@Component
class ApiErrors {

	private final MessageSource messages;

	ApiErrors(MessageSource messages) {
		this.messages = messages;
	}

	ProblemDetail invalid(Map<String, String> fieldKeys) {
		List<Map<String, String>> errors = new ArrayList<>();
		fieldKeys.forEach((field, key) -> errors.add(Map.of("field", field, "message",
				messages.getMessage(key, null, key, LocaleContextHolder.getLocale()))));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid input");
		problem.setTitle("Bad Request");
		problem.setProperty("errors", errors);
		return problem;
	}

	/** A body that is not JSON, or JSON with a value of the wrong type: name the field if Jackson knows it. */
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		String field = "body";
		String key = "error.json";
		if (ex.getMostSpecificCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			JacksonException.Reference reference = jackson.getPath().get(0);
			if (reference.getPropertyName() != null) {
				field = reference.getPropertyName();
				key = "error.type";
			}
		}
		return invalid(Map.of(field, key));
	}

	ProblemDetail notFound() {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.NOT_FOUND);
		problem.setTitle("Not Found");
		return problem;
	}
}
