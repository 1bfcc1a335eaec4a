package org.wenming.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.wenming.region.Regions;
import org.wenming.shared.ScopedUser;

/**
 * The sign-up's answer over a real Tomcat (MockMvc does not go through the container): written by the
 * thread that decided it, with no second dispatch, carrying the same security headers as any other API
 * answer; a refusal still goes once more through the exception handlers and reads as before; and many
 * volunteers at once each get exactly their own answer, the shift never overbooked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.servlet.session.cookie.secure=false")
@ActiveProfiles("test")
@Import(SignupAnswersOverHttpTest.AsyncDispatches.class)
class SignupAnswersOverHttpTest {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final List<String> SECURITY_HEADERS = List.of("x-content-type-options", "x-frame-options",
			"cache-control", "content-security-policy", "referrer-policy");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Activities activities;

	@Autowired
	AsyncDispatches dispatches;

	ActivityFixtures fixtures;

	ScopedUser leader;

	long team;

	@BeforeEach
	void aTeam() {
		fixtures = new ActivityFixtures(jdbc, regions);
		team = fixtures.team("直答测试队" + ActivityFixtures.tag(), "441202", ActivityFixtures.DUANZHOU_PATH);
		leader = fixtures.leader(team);
	}

	@Test
	void theAnswerIsWrittenWithoutASecondDispatchAndCarriesTheSecurityHeaders() throws Exception {
		long shift = shift(5);
		Volunteer volunteer = signedIn("直答者");
		String path = "/api/v1/shifts/" + shift + "/signups";
		dispatches.reset();

		HttpResponse<String> answer = volunteer.post(path, "zh-CN");

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
		assertThat(answer.headers().firstValue("location")).hasValue("/api/v1/me/signups");
		assertThat(answer.headers().firstValue("content-type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/json"));
		assertThat(answer.body()).contains("\"status\":\"CONFIRMED\"").contains("\"shiftId\":" + shift);
		assertThat(dispatches.to(path)).as("async dispatches of a decided sign-up").isZero();
		HttpResponse<String> other = volunteer.get("/api/v1/me/signups");
		for (String header : SECURITY_HEADERS) {
			assertThat(answer.headers().allValues(header)).as(header).isEqualTo(other.headers().allValues(header))
				.isNotEmpty();
		}
	}

	@Test
	void aRefusalGoesThroughTheExceptionHandlersAsBefore() throws Exception {
		long shift = shift(5);
		Volunteer volunteer = signedIn("再报者");
		String path = "/api/v1/shifts/" + shift + "/signups";
		assertThat(volunteer.post(path, "zh-CN").statusCode()).isEqualTo(201);
		dispatches.reset();

		HttpResponse<String> again = volunteer.post(path, "en");

		assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
		assertThat(again.headers().firstValue("content-type")).hasValue("application/problem+json");
		assertThat(again.body()).contains("\"status\":409").contains("already");
		assertThat(dispatches.to(path)).as("the refusal's one dispatch to the exception handlers").isEqualTo(1);
		assertThat(again.headers().allValues("x-content-type-options")).containsExactly("nosniff");
	}

	@Test
	void manyAtOnceEachGetTheirOwnAnswerAndTheShiftIsNeverOverbooked() throws Exception {
		int places = 12;
		int volunteers = 30;
		long shift = shift(places);
		String path = "/api/v1/shifts/" + shift + "/signups";
		List<Volunteer> crowd = new ArrayList<>();
		for (int i = 0; i < volunteers; i++) {
			crowd.add(signedIn("同时者" + i));
		}
		List<Callable<HttpResponse<String>>> signUps = new ArrayList<>();
		for (Volunteer volunteer : crowd) {
			signUps.add(() -> volunteer.post(path, "zh-CN"));
		}

		List<Object> answers = ActivityFixtures.runAtOnce(signUps, volunteers);

		Map<String, Integer> statuses = new ConcurrentHashMap<>();
		List<Long> ids = new ArrayList<>();
		Pattern id = Pattern.compile("\"id\":(\\d+)");
		for (Object answer : answers) {
			assertThat(answer).as("no exception").isInstanceOf(HttpResponse.class);
			HttpResponse<?> response = (HttpResponse<?>) answer;
			assertThat(response.statusCode()).as(String.valueOf(response.body())).isEqualTo(201);
			String body = String.valueOf(response.body());
			statuses.merge(body.contains("\"status\":\"CONFIRMED\"") ? "CONFIRMED" : "WAITLISTED", 1, Integer::sum);
			Matcher m = id.matcher(body);
			assertThat(m.find()).isTrue();
			ids.add(Long.parseLong(m.group(1)));
		}
		assertThat(statuses).containsEntry("CONFIRMED", places).containsEntry("WAITLISTED", volunteers - places);
		assertThat(ids).as("each volunteer got their own sign-up").doesNotHaveDuplicates();
		assertThat(jdbc.sql("select count(*) from signup where shift_id = :shift and status = 'CONFIRMED'")
			.param("shift", shift).query(Integer.class).single()).isEqualTo(places);
	}

	private long shift(int capacity) {
		Activity activity = activities.create(ActivityFixtures.draft("直答" + ActivityFixtures.tag(), team,
				List.of(ActivityFixtures.shift(OffsetDateTime.now().plusDays(6).withNano(0), 2, capacity))), leader);
		activities.publish(activity.id(), leader);
		return activities.shifts(activity.id()).get(0).id();
	}

	private Volunteer signedIn(String name) throws Exception {
		ScopedUser user = fixtures.volunteer(name);
		jdbc.sql("insert into user_role (user_id, role) values (:id, 'VOLUNTEER')").param("id", user.userId()).update();
		String username = jdbc.sql("select username from app_user where id = :id").param("id", user.userId())
			.query(String.class).single();
		Volunteer volunteer = new Volunteer(port);
		volunteer.signIn(username);
		return volunteer;
	}

	/** One browser's worth of cookies, and the CSRF token its pages carry. */
	static final class Volunteer {

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		private final String base;

		private String csrf;

		Volunteer(int port) {
			this.base = "http://localhost:" + port;
		}

		void signIn(String username) throws Exception {
			String token = token(get("/login").body());
			HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
						+ "&password=not-used&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(signedIn.statusCode()).as("signed in").isEqualTo(302);
			assertThat(signedIn.headers().firstValue("location").orElse("")).doesNotContain("error");
			csrf = token(get("/me/activities").body());
		}

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", "zh-CN").build(),
					HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String path, String language) throws IOException, InterruptedException {
			return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-CSRF-TOKEN", csrf)
				.header("Accept", "application/json").header("Accept-Language", language)
				.POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
		}

		private static String token(String page) {
			Matcher m = CSRF.matcher(page);
			assertThat(m.find()).as("a CSRF token on the page").isTrue();
			return m.group(1);
		}
	}

	/** Counts the container's async dispatches by path. */
	@TestConfiguration
	static class AsyncDispatches {

		private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

		@Bean
		FilterRegistrationBean<Filter> asyncDispatchCounter() {
			Filter counter = (request, response, chain) -> {
				counts.computeIfAbsent(((HttpServletRequest) request).getRequestURI(), p -> new AtomicInteger())
					.incrementAndGet();
				chain.doFilter(request, response);
			};
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(counter);
			registration.setDispatcherTypes(DispatcherType.ASYNC);
			registration.setAsyncSupported(true);
			return registration;
		}

		void reset() {
			counts.clear();
		}

		int to(String path) {
			AtomicInteger count = counts.get(path);
			return count == null ? 0 : count.get();
		}
	}
}
