package org.wenming.platform;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

import io.micrometer.observation.ObservationPredicate;

/**
 * No {@code http.server.requests} observation (timer, tags, the meter's lookup) for the health probes: a load
 * balancer asking several times a second is no traffic worth a metric, and the observation was a tenth of
 * the liveness probe's cost (issue 21, docs/BENCHMARKS.md). Every other request is measured as before.
 */
@Configuration(proxyBeanMethods = false)
class ProbeObservations {

	@Bean
	ObservationPredicate probesUnobserved() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext server
				&& isProbe(server.getCarrier()));
	}

	static boolean isProbe(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
	}
}
