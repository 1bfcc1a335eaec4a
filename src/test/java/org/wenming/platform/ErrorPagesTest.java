package org.wenming.platform;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.stereotype.Controller;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure inside the application shows a plain page: no exception, no message, no SQL. Needs a
 * real server: MockMvc does not forward to the error page. The failing endpoints sit under the
 * public /sites/ paths so no login is needed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ErrorPagesTest.Failing.class)
class ErrorPagesTest {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aServerErrorPageLeaksNothing() throws Exception {
		HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sites/test-failure"))
				.header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(500);
		assertThat(page.body()).contains("系统暂时出现问题").doesNotContain("secret-table", "IllegalStateException",
				"at org.");
	}

	@Test
	void aServerErrorProblemLeaksNothing() throws Exception {
		HttpResponse<String> problem = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sites/test-failure"))
				.header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(problem.statusCode()).isEqualTo(500);
		assertThat(problem.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(problem.body()).contains("\"status\":500").doesNotContain("secret-table", "IllegalStateException");
	}

	@Test
	void aNotFoundPageSaysSoPlainly() throws Exception {
		HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sites/test-missing"))
				.header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("您要找的页面不存在").doesNotContain("secret-table");
	}

	/** A page controller: its failures go through the servlet container's error dispatch. */
	@TestConfiguration
	@Controller
	static class Failing {

		@GetMapping("/sites/test-failure")
		String boom() {
			throw new IllegalStateException("select * from secret-table failed");
		}

		@GetMapping("/sites/test-missing")
		String missing() {
			throw new org.springframework.web.server.ResponseStatusException(HttpStatus.NOT_FOUND, "secret-table row 7");
		}
	}
}
