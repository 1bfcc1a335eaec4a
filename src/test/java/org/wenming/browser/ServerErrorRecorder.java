package org.wenming.browser;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Notes every request the server answered with a 5xx (or let an exception escape), so that a flow
 * fails when any request of its pages did — including the ones a browser makes on its own (scripts,
 * htmx fragments, images) that a test never looks at.
 */
@TestConfiguration(proxyBeanMethods = false)
class ServerErrorRecorder {

	/** Browser tests run one at a time in the suite's JVM; each reads what was added during it. */
	static final List<String> ERRORS = new CopyOnWriteArrayList<>();

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> serverErrorRecordingFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				try {
					chain.doFilter(request, response);
				}
				catch (IOException | ServletException | RuntimeException e) {
					ERRORS.add(request.getMethod() + " " + request.getRequestURI() + " → exception " + e);
					throw e;
				}
				if (response.getStatus() >= 500) {
					ERRORS.add(request.getMethod() + " " + request.getRequestURI() + " → " + response.getStatus());
				}
			}
		});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}
}
