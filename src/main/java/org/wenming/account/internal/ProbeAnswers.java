package org.wenming.account.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The liveness and readiness probes answered at the end of their own security chain (after its headers,
 * CSRF and authorization filters), from the same health endpoint and its groups' status codes, without the
 * trip through Spring MVC (handler lookup, the endpoint's reflective invocation, content negotiation,
 * message converters): that trip was most of a probe's cost. The answer is the endpoint's own when the probe
 * asks for any type or for JSON ({@code {"status":"UP"}}, 200; 503 when down); any other {@code Accept}, any
 * other method and any other path go on to the endpoint as before.
 */
final class ProbeAnswers extends OncePerRequestFilter {

	static final String ACTUATOR_V3 = "application/vnd.spring-boot.actuator.v3+json";

	private static final Pattern PLAIN_STATUS = Pattern.compile("[A-Z_]{1,32}");

	private final HealthEndpoint health;

	private final HealthEndpointGroups groups;

	ProbeAnswers(HealthEndpoint health, HealthEndpointGroups groups) {
		this.health = health;
		this.groups = groups;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) || group(request) == null || contentType(request) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String name = group(request);
		HealthEndpointGroup group = groups.get(name);
		HealthDescriptor descriptor = group == null ? null : health.healthForPath(name);
		String status = descriptor == null ? null : descriptor.getStatus().getCode();
		if (status == null || !PLAIN_STATUS.matcher(status).matches()) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = ("{\"status\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8);
		response.setStatus(group.getHttpCodeStatusMapper().getStatusCode(descriptor.getStatus()));
		response.setContentType(contentType(request));
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/** liveness or readiness, from the path; null for any other. */
	private static String group(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return switch (path) {
			case "/actuator/health/liveness" -> "liveness";
			case "/actuator/health/readiness" -> "readiness";
			default -> null;
		};
	}

	/** The type the endpoint would answer with, for the Accept headers a probe sends; null for any other. */
	private static String contentType(HttpServletRequest request) {
		java.util.Enumeration<String> headers = request.getHeaders("Accept");
		String accept = headers.hasMoreElements() ? headers.nextElement() : null;
		if (headers.hasMoreElements()) {
			return null;
		}
		if (accept == null || accept.equals("*/*") || accept.equals(ACTUATOR_V3)) {
			return ACTUATOR_V3;
		}
		return accept.equals("application/json") ? "application/json" : null;
	}
}
