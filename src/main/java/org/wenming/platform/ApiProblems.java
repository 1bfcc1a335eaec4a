package org.wenming.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * RFC 9457 problem details for the JSON API, with the offending fields named in an {@code errors}
 * list ({@code [{field, message}]}) so a client can show the message next to the right input.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	private final org.springframework.context.MessageSource messages;

	ApiProblems(org.springframework.context.MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(BindException.class)
	ProblemDetail invalid(BindException ex) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldError error : ex.getFieldErrors()) {
			errors.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
		}
		ex.getGlobalErrors().forEach(e -> errors.add(Map.of("field", e.getObjectName(), "message",
				String.valueOf(e.getDefaultMessage()))));
		return problem("Invalid input", errors);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ProblemDetail invalid(HandlerMethodValidationException ex) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors()
				.forEach(e -> errors.add(Map.of("field", String.valueOf(result.getMethodParameter().getParameterName()),
						"message", String.valueOf(e.getDefaultMessage())))));
		return problem("Invalid input", errors);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail mismatch(MethodArgumentTypeMismatchException ex) {
		return problem("Invalid input", List.of(Map.of("field", ex.getName(), "message", "has the wrong type")));
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ProblemDetail missing(MissingServletRequestParameterException ex) {
		return problem("Invalid input", List.of(Map.of("field", ex.getParameterName(), "message", "is required")));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		log.debug("Unreadable request body: {}", ex.getMostSpecificCause().getClass().getSimpleName());
		return problem("The request body is not valid JSON of the expected shape", List.of());
	}

	/** ResponseStatusException and Spring MVC's own errors carry a problem body already. */
	@ExceptionHandler(org.springframework.web.ErrorResponseException.class)
	org.springframework.http.ResponseEntity<ProblemDetail> errorResponse(org.springframework.web.ErrorResponseException ex) {
		return org.springframework.http.ResponseEntity.status(ex.getStatusCode()).body(ex.getBody());
	}

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalid(InvalidInputException ex, java.util.Locale locale) {
		// a message that is a bundle key is said in the reader's language; plain text stays as it is
		String message = messages.getMessage(ex.getMessage(), null, ex.getMessage(), locale);
		return problem("Invalid input", List.of(Map.of("field", ex.field(), "message", message)));
	}

	private static ProblemDetail problem(String detail, List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Bad Request");
		problem.setProperty("errors", errors);
		return problem;
	}
}
