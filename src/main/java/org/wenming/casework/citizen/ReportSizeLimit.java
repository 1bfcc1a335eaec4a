package org.wenming.casework.citizen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Guards the report form's body before anything else reads it. It runs ahead of Spring Security, whose
 * CSRF check would otherwise make the container parse (and spool to disk) the whole multipart body:
 * a declared size over {@code wenming.casework.citizen.max-request-size} is refused unread, and a body
 * the container cannot parse (too many parts, a part too large, malformed) is answered here with a
 * short message, because after such a failure every later read of the request's parameters (the
 * error page's included) fails again. The application-wide multipart limits stay as large as the
 * volunteer import needs.
 */
class ReportSizeLimit extends OncePerRequestFilter {

	private final long maxBytes;

	private final MessageSource messages;

	private final LocaleResolver locales;

	ReportSizeLimit(long maxBytes, MessageSource messages, LocaleResolver locales) {
		this.maxBytes = maxBytes;
		this.messages = messages;
		this.locales = locales;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > maxBytes) {
			refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			return;
		}
		try {
			request.getParameterMap();
		}
		catch (RuntimeException unreadable) {
			refuse(request, response, overLimit(unreadable) ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
					: HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		chain.doFilter(request, response);
	}

	/** Tomcat's FileCountLimitExceeded, SizeLimitExceeded, FileSizeLimitExceeded... somewhere in the causes. */
	private static boolean overLimit(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t.getClass().getSimpleName().contains("LimitExceeded")) {
				return true;
			}
		}
		return false;
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
		Locale locale = locales.resolveLocale(request);
		String text = messages.getMessage(status == HttpServletResponse.SC_BAD_REQUEST
				? "casework.citizen.report.unreadable" : "casework.citizen.report.tooLarge", null, locale);
		response.setStatus(status);
		response.setContentType("text/plain;charset=UTF-8");
		response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
	}
}
