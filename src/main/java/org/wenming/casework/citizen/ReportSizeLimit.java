package org.wenming.casework.citizen;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a report whose declared size is over {@code wenming.casework.citizen.max-request-size}
 * before anything reads it. It runs ahead of Spring Security, whose CSRF check would otherwise make
 * the container parse (and spool to disk) the whole multipart body first. The application-wide
 * multipart limits stay as large as the volunteer import needs.
 */
class ReportSizeLimit extends OncePerRequestFilter {

	private final long maxBytes;

	ReportSizeLimit(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > maxBytes) {
			response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			return;
		}
		chain.doFilter(request, response);
	}
}
