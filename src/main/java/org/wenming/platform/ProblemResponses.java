package org.wenming.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * RFC 9457 problem documents written by filters, which answer before Spring MVC (and its message
 * converters) is reached. Only fixed texts go in, so no escaping is needed.
 */
public final class ProblemResponses {

	private ProblemResponses() {
	}

	/** API clients and Actuator scrapers get JSON; browsers get pages. */
	public static boolean wantsJson(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String accept = request.getHeader("Accept");
		return isApi(path) || path.startsWith("/actuator/")
				|| (accept != null && accept.contains("json") && !accept.contains("text/html"));
	}

	/** The JSON API's paths, whose every error is a problem document. */
	public static boolean isApi(String path) {
		return path != null && path.startsWith("/api/");
	}

	public static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
		response.setStatus(status);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		String body = json(status, title, detail);
		// an answer that failed late (the session's save after the body) may already hold the stream
		try {
			response.getWriter().write(body);
		}
		catch (IllegalStateException streamTaken) {
			response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
		}
	}

	static String json(int status, String title, String detail) {
		return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail
				+ "\"}";
	}
}
