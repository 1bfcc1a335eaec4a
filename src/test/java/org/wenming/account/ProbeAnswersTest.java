package org.wenming.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.List;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.wenming.support.WenmingTest;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The health probes' own security chain and their short answer (issue 21): the same status, body, type and
 * security headers as the actuator endpoint's own answer, never a session, and POST still refused as before.
 */
@WenmingTest
class ProbeAnswersTest {

	static final String V3 = "application/vnd.spring-boot.actuator.v3+json";

	/** An Accept the short answer leaves alone: the request goes through Spring MVC to the endpoint. */
	static final String NEGOTIATED = V3 + ";q=0.9, application/json;q=0.8";

	static final List<String> SECURITY_HEADERS = List.of("Content-Security-Policy", "X-Frame-Options",
			"X-Content-Type-Options", "Referrer-Policy", "Cache-Control", "X-XSS-Protection", "Pragma", "Expires");

	@Autowired
	MockMvc mvc;

	@Autowired
	MeterRegistry meters;

	@Test
	void theShortAnswerIsTheEndpointsAnswerWithTheSameHeaders() throws Exception {
		for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
			MockHttpServletResponse endpoint = call(get(probe).header("Accept", NEGOTIATED));
			assertThat(endpoint.getStatus()).isEqualTo(200);
			assertThat(endpoint.getContentType()).startsWith(V3);
			for (MockHttpServletRequestBuilder shortAnswer : List.of(get(probe), get(probe).header("Accept", "*/*"),
					get(probe).header("Accept", V3))) {
				MockHttpServletResponse answer = call(shortAnswer);
				assertThat(answer.getStatus()).isEqualTo(endpoint.getStatus());
				assertThat(answer.getContentType()).isEqualTo(V3);
				assertThat(answer.getContentAsString()).isEqualTo("{\"status\":\"UP\"}")
					.isEqualToIgnoringWhitespace(endpoint.getContentAsString());
				for (String header : SECURITY_HEADERS) {
					assertThat(answer.getHeaderValues(header)).as(header).isNotEmpty()
						.isEqualTo(endpoint.getHeaderValues(header));
				}
			}
			MockHttpServletResponse json = call(get(probe).header("Accept", "application/json"));
			assertThat(json.getContentType()).isEqualTo("application/json");
			assertThat(json.getContentAsString()).isEqualTo("{\"status\":\"UP\"}");
		}
		// the page's headers are the probe's: one policy for every answer
		MockHttpServletResponse page = call(get("/login"));
		MockHttpServletResponse probe = call(get("/actuator/health/liveness"));
		for (String header : List.of("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
				"Referrer-Policy")) {
			assertThat(probe.getHeader(header)).as(header).isEqualTo(page.getHeader(header));
		}
	}

	@Test
	void aProbeNeverReadsNorMakesASession() throws Exception {
		MvcResult result = mvc.perform(get("/actuator/health/liveness")
			.cookie(new Cookie("WENMING_SESSION", "bm90LWEtc2Vzc2lvbg"))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getRequest().getSession(false)).isNull();
		assertThat(result.getResponse().getHeader("Set-Cookie")).isNull();
		assertThat(call(get("/actuator/health")).getStatus()).isEqualTo(200);
	}

	@Test
	void writesToTheProbesAreRefusedAsBefore() throws Exception {
		// no CSRF token: refused by the chain; with one, the endpoint offers no write
		assertThat(call(post("/actuator/health/liveness")).getStatus()).isEqualTo(403);
		assertThat(call(post("/actuator/health/liveness").with(csrf())).getStatus()).isGreaterThanOrEqualTo(400)
			.isLessThan(500);
	}

	@Test
	void probesAreNotCountedAsServerRequestsButPagesAre() throws Exception {
		for (int i = 0; i < 3; i++) {
			call(get("/actuator/health/liveness"));
			call(get("/actuator/health/readiness").header("Accept", NEGOTIATED));
			call(get("/login"));
		}
		assertThat(meters.find("http.server.requests").timers())
			.noneMatch(timer -> String.valueOf(timer.getId().getTag("uri")).contains("health"))
			.anyMatch(timer -> "/login".equals(timer.getId().getTag("uri")));
	}

	private MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request).andReturn().getResponse();
	}
}
