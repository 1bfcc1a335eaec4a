package org.wenming.platform;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that failed because the database is away (see {@link DatabaseOutages}) is answered 503
 * with {@code Retry-After} instead of a 500: a problem document for API clients, the error page
 * for browsers (through the container's error dispatch to {@link ErrorPages}). Placed outside the
 * session and security filters, which may need the database themselves, and inside
 * {@code Open311ErrorFilter}, whose wrapper turns the 503 into Open311's own error format.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class DatabaseOutageFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

	/** Set on the request for the error page, which then says "try again in n seconds". */
	static final String RETRY_AFTER = DatabaseOutageFilter.class.getName() + ".retryAfter";

	private final OutageProperties properties;

	DatabaseOutageFilter(OutageProperties properties) {
		this.properties = properties;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | RuntimeException ex) {
			if (!DatabaseOutages.isOutage(ex) || response.isCommitted()) {
				throw ex;
			}
			// the kind only: the message may carry SQL or a host name
			log.warn("Database unavailable, answered 503: {} {} ({})", request.getMethod(), request.getRequestURI(),
					rootKind(ex));
			unavailable(request, response);
		}
	}

	private void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
		long seconds = properties.retryAfterSeconds();
		response.resetBuffer();
		response.setHeader("Retry-After", Long.toString(seconds));
		request.setAttribute(RETRY_AFTER, seconds);
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (ProblemResponses.wantsJson(request) && !path.startsWith("/open311/")) {
			ProblemResponses.write(response, 503, "Service Unavailable",
					"The database is unavailable for a moment; send the request again in " + seconds + " s");
			return;
		}
		response.sendError(503);
	}

	private static String rootKind(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName();
	}
}
