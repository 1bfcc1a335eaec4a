package org.wenming.platform;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Whatever went wrong, the visitor gets a plain page (or a problem document for API clients) that
 * says what kind of failure it was and nothing about the inside: no stack trace, no exception
 * message, no SQL.
 */
@Controller
class ErrorPages implements ErrorController {

	private final MessageSource messages;

	ErrorPages(MessageSource messages) {
		this.messages = messages;
	}

	@RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
	Object page(HttpServletRequest request) {
		// the API answers with problem documents only, whatever a browser asks for
		if (ProblemResponses.isApi((String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))) {
			return problem(request);
		}
		HttpStatus status = status(request);
		Map<String, Object> model = new HashMap<>(Map.of("ctx", PageContextAdvice.of(messages, request), "status", status.value()));
		// a database outage (DatabaseOutageFilter): the page says when to try again, as the header does
		if (request.getAttribute(DatabaseOutageFilter.RETRY_AFTER) instanceof Long seconds) {
			model.put("retryAfter", seconds);
		}
		return new ModelAndView("platform/error", model, status);
	}

	@RequestMapping("/error")
	ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
		HttpStatus status = status(request);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setTitle(status.getReasonPhrase());
		if (request.getAttribute(DatabaseOutageFilter.RETRY_AFTER) instanceof Long seconds) {
			problem.setDetail("The database is unavailable for a moment; send the request again in " + seconds + " s");
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
		return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
	}
}
