package org.wenming.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * A request that failed because the database is away (see {@link DatabaseOutages}) is answered 503
 * with {@code Retry-After} instead of a 500: a problem document for API clients, the error page
 * for browsers (the same template {@link ErrorPages} renders, written here). Placed outside the
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

	private final TemplateEngine templates;

	private final MessageSource messages;

	private final LocaleResolver locales;

	DatabaseOutageFilter(OutageProperties properties, TemplateEngine templates, MessageSource messages,
			LocaleResolver locales) {
		this.properties = properties;
		this.templates = templates;
		this.messages = messages;
		this.locales = locales;
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
		if (path.startsWith("/open311/")) {
			response.sendError(503); // Open311ErrorFilter's wrapper writes Open311's error list
			return;
		}
		page(request, response, seconds);
	}

	/**
	 * The error page, rendered here rather than through the container's error dispatch: that dispatch
	 * would look the session up again, and sessions live in the database that is away. Nobody is signed
	 * in on this page, so it needs neither the session nor its CSRF token.
	 */
	private void page(HttpServletRequest request, HttpServletResponse response, long seconds) throws IOException {
		Locale asked = Languages.supported(request.getParameter("lang"));
		Locale locale = asked != null ? asked : locales.resolveLocale(request);
		PageContext ctx = new PageContext(messages, locale, null, null, request.getRequestURI(), ElderlyMode.isOn(request),
				request.getQueryString());
		StringOutput html = new StringOutput(8 * 1024);
		templates.render("platform/error.jte", Map.of("ctx", ctx, "status", 503, "retryAfter", seconds), html);
		response.setStatus(503);
		response.setContentType("text/html;charset=UTF-8");
		response.setHeader("Cache-Control", "no-store");
		// the failed request may already have taken the writer or the stream (its buffer was reset): use that one
		try {
			response.getWriter().write(html.toString());
		}
		catch (IllegalStateException streamTaken) {
			response.getOutputStream().write(html.toString().getBytes(StandardCharsets.UTF_8));
		}
	}

	private static String rootKind(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName();
	}
}
