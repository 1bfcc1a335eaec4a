package org.wenming.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.wenming.WenmingApplication;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * A node may die: the session lives in PostgreSQL (Spring Session JDBC), so a person signed in through
 * one node is still signed in on another, and signing out on one ends the session on every node. Two
 * application contexts with real HTTP ports share the one test database, as two nodes behind a balancer
 * share theirs. Everything the sign-in puts into the session (the saved request, the CSRF token, the
 * failed attempt's exception, the signed-in principal) is read back from the table and deserialized.
 */
class SessionsAcrossNodesTest {

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	static ConfigurableApplicationContext nodeA;

	static ConfigurableApplicationContext nodeB;

	final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@BeforeAll
	static void startTwoNodes() {
		nodeA = node();
		nodeB = node();
	}

	@AfterAll
	static void stopThem() {
		if (nodeB != null) {
			nodeB.close();
		}
		if (nodeA != null) {
			nodeA.close();
		}
	}

	static ConfigurableApplicationContext node() {
		return SpringApplication.run(WenmingApplication.class, "--spring.profiles.active=test", "--server.port=0",
				"--spring.main.banner-mode=off", "--wenming.scheduling.enabled=false",
				"--wenming.db.key-lookup-pool-size=2");
	}

	static String base(ConfigurableApplicationContext node) {
		return "http://localhost:" + ((WebServerApplicationContext) node).getWebServer().getPort();
	}

	@Test
	void aSessionSignedInOnOneNodeServesOnTheOtherAndSigningOutEndsItOnBoth() throws Exception {
		JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
		String name = AccountFixtures.unique("nodes");
		new AccountFixtures(jdbc, nodeA.getBean(PasswordEncoder.class)).user(name, "441202", Roles.VOLUNTEER);

		// on node A: a protected page first (the saved request), a wrong password, then the right one
		HttpResponse<String> protectedPage = get(nodeA, "/account/password", null);
		assertThat(protectedPage.statusCode()).isEqualTo(302);
		String anonymous = sessionCookie(protectedPage).orElseThrow();
		HttpResponse<String> login = get(nodeA, "/login", anonymous);
		String token = csrf(login.body());
		HttpResponse<String> wrong = post(nodeA, "/login", anonymous,
				Map.of("username", name, "password", "wrong-password-1", "_csrf", token));
		assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
		String attributesBeforeSignIn = attributeNames(jdbc, anonymous);
		token = csrf(get(nodeA, "/login?error", anonymous).body());
		HttpResponse<String> signedIn = post(nodeA, "/login", anonymous,
				Map.of("username", name, "password", AccountFixtures.PASSWORD, "_csrf", token));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		// session fixation protection: the id changes at sign-in
		String session = sessionCookie(signedIn).orElseThrow();
		assertThat(session).isNotEqualTo(anonymous);
		assertThat(signedIn.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
			.startsWith("WENMING_SESSION=").contains("HttpOnly").contains("Secure").contains("SameSite=Lax"));

		// node A dies for this user: node B serves the same session
		HttpResponse<String> onB = get(nodeB, "/account/password", session);
		assertThat(onB.statusCode()).isEqualTo(200);
		assertThat(get(nodeB, "/account/password", anonymous).statusCode()).isEqualTo(302);

		// what the session holds round-trips through the table
		Map<String, Object> attributes = attributes(jdbc, session);
		assertThat(attributesBeforeSignIn).contains("SPRING_SECURITY_SAVED_REQUEST").contains("SPRING_SECURITY_LAST_EXCEPTION");
		assertThat(attributes.get("SPRING_SECURITY_CONTEXT")).isInstanceOfSatisfying(SecurityContext.class,
				context -> assertThat(((ScopedUser) context.getAuthentication().getPrincipal()).username()).isEqualTo(name));
		assertThat(attributes.values()).anyMatch(CsrfToken.class::isInstance);
		assertThat(jdbc.sql("select count(*) from spring_session where principal_name = :name").param("name", name)
			.query(Integer.class).single()).isEqualTo(1);
		// the principal is kept without the password hash
		assertThat(jdbc.sql("""
				select count(*) from spring_session_attributes a join spring_session s on s.primary_id = a.session_primary_id
				where s.principal_name = :name and position(convert_to('{bcrypt}', 'UTF8') in a.attribute_bytes) > 0""")
			.param("name", name).query(Integer.class).single()).isZero();

		// signing out on node B ends the session on node A too
		String logoutToken = csrf(onB.body());
		HttpResponse<String> logout = post(nodeB, "/logout", session, Map.of("_csrf", logoutToken));
		assertThat(logout.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));
		assertThat(get(nodeA, "/account/password", session).statusCode()).isEqualTo(302);
		assertThat(jdbc.sql("select count(*) from spring_session where principal_name = :name").param("name", name)
			.query(Integer.class).single()).isZero();
	}

	@Test
	void aSavedRequestSurvivesTheNodeItWasSavedOn() throws Exception {
		JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
		String name = AccountFixtures.unique("nodes-saved");
		new AccountFixtures(jdbc, nodeA.getBean(PasswordEncoder.class)).user(name, "441202", Roles.VOLUNTEER);
		String anonymous = sessionCookie(get(nodeA, "/account/password", null)).orElseThrow();
		assertThat(attributes(jdbc, anonymous).values()).anyMatch(SavedRequest.class::isInstance);
		// the form is fetched and sent through node B: it finds the request saved on node A
		String token = csrf(get(nodeB, "/login", anonymous).body());
		HttpResponse<String> signedIn = post(nodeB, "/login", anonymous,
				Map.of("username", name, "password", AccountFixtures.PASSWORD, "_csrf", token));
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/account/password"));
	}

	@Test
	void wrongPasswordsAlternatingBetweenNodesLockTheNameAfterFive() throws Exception {
		JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
		String name = AccountFixtures.unique("nodes-lock");
		new AccountFixtures(jdbc, nodeA.getBean(PasswordEncoder.class)).user(name, "441202", Roles.VOLUNTEER);
		// the failures are counted from security_event, which both nodes write and read
		for (int i = 0; i < 5; i++) {
			assertThat(signIn(i % 2 == 0 ? nodeA : nodeB, name, "wrong-password-" + i)).endsWith("/login?error");
		}
		assertThat(jdbc.sql("select count(*) from security_event where type = 'LOCKOUT' and (actor_username = :name or target_username = :name)")
			.param("name", name).query(Integer.class).single()).isEqualTo(1);
		// locked on both: the right password is refused on either node
		assertThat(signIn(nodeA, name, AccountFixtures.PASSWORD)).endsWith("/login?error");
		assertThat(signIn(nodeB, name, AccountFixtures.PASSWORD)).endsWith("/login?error");
	}

	/** Where the sign-in form sends the browser. */
	String signIn(ConfigurableApplicationContext node, String name, String password) throws Exception {
		HttpResponse<String> login = get(node, "/login", null);
		String session = sessionCookie(login).orElseThrow();
		HttpResponse<String> sent = post(node, "/login", session,
				Map.of("username", name, "password", password, "_csrf", csrf(login.body())));
		return sent.headers().firstValue("Location").orElse("");
	}

	HttpResponse<String> get(ConfigurableApplicationContext node, String path, String session) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(node) + path)).GET();
		if (session != null) {
			request.header("Cookie", "WENMING_SESSION=" + session);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(ConfigurableApplicationContext node, String path, String session, Map<String, String> form)
			throws Exception {
		List<String> fields = new ArrayList<>();
		form.forEach((k, v) -> fields.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(node) + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(String.join("&", fields)));
		if (session != null) {
			request.header("Cookie", "WENMING_SESSION=" + session);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static Optional<String> sessionCookie(HttpResponse<?> response) {
		return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("WENMING_SESSION="))
			.map(c -> c.substring("WENMING_SESSION=".length(), c.indexOf(';'))).filter(v -> !v.isEmpty()).findFirst();
	}

	static String csrf(String page) {
		Matcher matcher = CSRF.matcher(page);
		assertThat(matcher.find()).as("a CSRF field on the page").isTrue();
		return matcher.group(1).replace("&#45;", "-").replace("&#x2D;", "-");
	}

	/** The cookie carries the session id in base64 (Spring Session's default cookie serializer). */
	static String sessionId(String cookie) {
		return new String(java.util.Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
	}

	static String attributeNames(JdbcClient jdbc, String cookie) {
		return String.join(",", attributes(jdbc, cookie).keySet());
	}

	/** Every attribute of the session, deserialized as another node would. */
	static Map<String, Object> attributes(JdbcClient jdbc, String cookie) {
		Map<String, Object> attributes = new TreeMap<>();
		jdbc.sql("""
				select a.attribute_name, a.attribute_bytes from spring_session_attributes a
				join spring_session s on s.primary_id = a.session_primary_id where s.session_id = :id""")
			.param("id", sessionId(cookie))
			.query((rs, n) -> {
				try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(rs.getBytes(2)))) {
					attributes.put(rs.getString(1), in.readObject());
				}
				catch (Exception ex) {
					throw new AssertionError("attribute " + rs.getString(1) + " does not deserialize", ex);
				}
				return null;
			}).list();
		return attributes;
	}
}
