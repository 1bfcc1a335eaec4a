package org.wenming.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * RFC 9457 problem details for the JSON API, with the offending fields named in an {@code errors}
 * list ({@code [{field, message}]}) so a client can show the message next to the right input. The
 * static methods build the same documents for the modules' own refusals, whose messages stay in the
 * modules' bundles.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiProblems {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	private final MessageSource messages;

	ApiProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(BindException.class)
	ProblemDetail invalid(BindException ex) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldError error : ex.getFieldErrors()) {
			errors.add(error(error.getField(), String.valueOf(error.getDefaultMessage())));
		}
		ex.getGlobalErrors().forEach(e -> errors.add(error(e.getObjectName(), String.valueOf(e.getDefaultMessage()))));
		return invalid(errors);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ProblemDetail invalid(HandlerMethodValidationException ex) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors()
				.forEach(e -> errors.add(error(String.valueOf(result.getMethodParameter().getParameterName()),
						String.valueOf(e.getDefaultMessage())))));
		return invalid(errors);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail mismatch(MethodArgumentTypeMismatchException ex) {
		return invalid(List.of(error(ex.getName(), "has the wrong type")));
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ProblemDetail missing(MissingServletRequestParameterException ex) {
		return invalid(List.of(error(ex.getParameterName(), "is required")));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		log.debug("Unreadable request body: {}", ex.getMostSpecificCause().getClass().getSimpleName());
		return unreadableBody(ex);
	}

	/** ResponseStatusException and Spring MVC's own errors carry a problem body already. */
	@ExceptionHandler(ErrorResponseException.class)
	ResponseEntity<ProblemDetail> errorResponse(ErrorResponseException ex) {
		// with its headers: a 503's Retry-After
		return ResponseEntity.status(ex.getStatusCode()).headers(ex.getHeaders()).body(ex.getBody());
	}

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalid(InvalidInputException ex, Locale locale) {
		// a message that is a bundle key is said in the reader's language; plain text stays as it is
		String message = messages.getMessage(ex.getMessage(), null, ex.getMessage(), locale);
		return invalid(List.of(error(ex.field(), message)));
	}

	@ExceptionHandler(RecordNotFound.class)
	ResponseEntity<ProblemDetail> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, null));
	}

	/** A problem without field errors: the status's reason phrase as the title, and the detail if any. */
	public static ProblemDetail problem(HttpStatusCode status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		HttpStatus known = HttpStatus.resolve(status.value());
		problem.setTitle(known == null ? null : known.getReasonPhrase());
		return problem;
	}

	/** 400 "Invalid input" with the refused fields. */
	public static ProblemDetail invalid(List<Map<String, String>> errors) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid input", errors);
	}

	/** A problem with an {@code errors} list (400 unless a module's rule says otherwise). */
	public static ProblemDetail problem(HttpStatusCode status, String detail, List<Map<String, String>> errors) {
		ProblemDetail problem = problem(status, detail);
		problem.setProperty("errors", errors);
		return problem;
	}

	/** One entry of the {@code errors} list. */
	public static Map<String, String> error(String field, String message) {
		return Map.of("field", field, "message", message);
	}

	/**
	 * A module's refused fields, each message a key of the module's bundle said in the reader's
	 * language (a key the bundle lacks is shown as it is).
	 */
	public static <P> List<Map<String, String>> errors(List<P> problems, Function<P, String> field,
			Function<P, String> messageKey, MessageSource messages, Locale locale) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (P problem : problems) {
			String key = messageKey.apply(problem);
			errors.add(error(field.apply(problem), messages.getMessage(key, null, key, locale)));
		}
		return errors;
	}

	/**
	 * A body that is not JSON, or JSON with a value the field does not take (a number for text, a
	 * fraction for an id, a field the request does not have): the field named by its path, e.g.
	 * {@code shifts[0].capacity}, when the parser knows it.
	 */
	public static ProblemDetail unreadableBody(HttpMessageNotReadableException ex) {
		JacksonException jackson = jacksonCause(ex);
		String field = jackson == null ? null : path(jackson);
		if (field == null) {
			return problem(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape",
					List.of(error("body", "is not valid JSON of the expected shape")));
		}
		return invalid(List.of(error(field, jackson instanceof UnrecognizedPropertyException
				? "is not a field of this request" : "has the wrong type or format")));
	}

	/** The path of the refused value in the body ({@code shifts[0].capacity}), or null when unknown. */
	public static String refusedField(HttpMessageNotReadableException ex) {
		JacksonException jackson = jacksonCause(ex);
		return jackson == null ? null : path(jackson);
	}

	private static JacksonException jacksonCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException jackson) {
				return jackson;
			}
		}
		return null;
	}

	private static String path(JacksonException jackson) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference ref : jackson.getPath()) {
			if (ref.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
			}
			else if (ref.getIndex() >= 0) {
				path.append('[').append(ref.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? null : path.toString();
	}
}
