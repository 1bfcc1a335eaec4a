package org.wenming.casework.open311;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.wenming.casework.open311.GeoReport.Format;
import org.wenming.platform.Languages;

/**
 * Keeps Open311 clients in their own error format where the refusal happens before the controller:
 * an oversized form (400 here, before anything reads a parameter) and whatever the container or the
 * security filters answer with {@code sendError} (e.g. the firewall's 400 for an encoded slash or
 * percent in the path) become a GeoReport error list instead of the platform's problem document.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class Open311ErrorFilter extends OncePerRequestFilter {

	private final MessageSource messages;

	private final long formLimit;

	Open311ErrorFilter(MessageSource messages, ObjectProvider<TomcatServerProperties> tomcat, Environment environment) {
		this.messages = messages;
		// a web slice test starts no server and so has no TomcatServerProperties bean: the same binding then
		this.formLimit = tomcat
			.getIfAvailable(() -> Binder.get(environment).bindOrCreate("server.tomcat", TomcatServerProperties.class))
			.getMaxHttpFormPostSize().toBytes();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(request.getContextPath() + "/open311/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType();
		if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
				&& request.getContentLengthLong() > formLimit) {
			write(request, response, 400, "open311.error.tooLarge", formLimit / 1024);
			return;
		}
		chain.doFilter(request, new HttpServletResponseWrapper(response) {

			@Override
			public void sendError(int status) throws IOException {
				sendError(status, null);
			}

			@Override
			public void sendError(int status, String ignored) throws IOException {
				// 503 with Retry-After is the platform's answer while the database is away (DatabaseOutageFilter)
				String retryAfter = getHeader("Retry-After");
				if (status == 503 && retryAfter != null) {
					write(request, response, status, "open311.error.unavailable", retryAfter);
					return;
				}
				write(request, response, status, "open311.error.http", status);
			}
		});
	}

	private void write(HttpServletRequest request, HttpServletResponse response, int status, String key, Object arg)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		// the retry hint of a 503 outlives the reset
		String retryAfter = status == 503 ? response.getHeader("Retry-After") : null;
		response.reset();
		if (retryAfter != null) {
			response.setHeader("Retry-After", retryAfter);
		}
		Format format = request.getRequestURI().endsWith(".json") ? Format.JSON : Format.XML;
		// the query string only: reading a parameter could mean reading the refused body
		String query = request.getQueryString();
		Locale locale = language(query);
		response.setStatus(status);
		response.setContentType(format.contentType);
		response.setCharacterEncoding("UTF-8");
		GeoReport.writeList(format, "errors", "error",
				List.of(GeoReport.fields("code", status, "description", messages.getMessage(key, new Object[] { arg }, key, locale))),
				response.getOutputStream());
		response.flushBuffer();
	}

	/** {@code lang=} in the query string, as the pages read it; Simplified Chinese without one. */
	static Locale language(String query) {
		if (query != null) {
			for (String pair : query.split("&")) {
				if (pair.startsWith("lang=")) {
					// not decoded: a tag needs no escapes, and this query may be one Tomcat refused as malformed
					Locale language = Languages.supported(pair.substring(5));
					if (language != null) {
						return language;
					}
				}
			}
		}
		return Languages.SIMPLIFIED_CHINESE;
	}
}
