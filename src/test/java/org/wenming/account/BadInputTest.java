package org.wenming.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * Every field of the user forms and API, given hostile values, is refused with 400 naming the field;
 * nothing is added or changed; nothing answers 5xx.
 */
@WenmingTest
class BadInputTest {

	static final String HUGE = "a".repeat(10 * 1024 * 1024);

	/** Far over any field's limit, yet under the API's body cap. */
	static final String LONG = "a".repeat(100_000);

	static final String SQL = "' or 1=1 --";

	static final String SCRIPT = "<script>alert(1)</script>";

	static final String GARBLED = "abc\uFFFDdef";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	Regions regions;

	AccountFixtures fixtures;

	TestUsers users;

	long existing;

	@BeforeEach
	void setUp() {
		fixtures = new AccountFixtures(jdbc, encoder);
		users = new TestUsers(regions);
		existing = fixtures.user(AccountFixtures.unique("bad"), "441202", Roles.VOLUNTEER);
	}

	/** field → hostile values that must be refused for it. */
	Map<String, List<String>> hostile() {
		Map<String, List<String>> values = new LinkedHashMap<>();
		values.put("username", List.of("", HUGE, LONG, SQL, SCRIPT, GARBLED, "UPPER", "a\u0000b"));
		values.put("displayName", List.of("", HUGE, LONG, SCRIPT, GARBLED, "a\u0007b"));
		values.put("password", List.of("", HUGE, LONG, "short1", "a".repeat(40) + "1" + "\u0000"));
		values.put("roles", List.of("", HUGE, LONG, SQL, "ROOT"));
		values.put("regionCode", List.of("", HUGE, LONG, SQL, "abc", "999999", "441203"));
		return values;
	}

	Map<String, String> valid() {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("username", AccountFixtures.unique("ok"));
		form.put("displayName", "张三");
		form.put("password", "Valid-pass-2026");
		form.put("roles", Roles.VOLUNTEER);
		form.put("regionCode", "441202001");
		return form;
	}

	@Test
	void theNewUserFormRefusesEachHostileValueNamingTheField() throws Exception {
		int before = fixtures.userCount();
		for (var entry : hostile().entrySet()) {
			for (String value : entry.getValue()) {
				Map<String, String> form = valid();
				form.put(entry.getKey(), value);
				MockHttpServletRequestBuilder request = post("/admin/users").with(users.staff("441202", Roles.OFFICE_STAFF))
						.with(csrf());
				form.forEach(request::param);
				mvc.perform(request).andExpect(status().isBadRequest())
						.andExpect(content().string(Matchers.containsString("id=\"" + entry.getKey() + "-error\"")));
			}
		}
		assertThat(fixtures.userCount()).isEqualTo(before);
	}

	@Test
	void theUserApiRefusesEachHostileValueNamingTheField() throws Exception {
		int before = fixtures.userCount();
		for (var entry : hostile().entrySet()) {
			for (String value : entry.getValue()) {
				Map<String, Object> body = new LinkedHashMap<>(valid());
				body.put("roles", List.of(body.get("roles")));
				body.put(entry.getKey(), entry.getKey().equals("roles") ? List.of(value) : value);
				var answer = mvc.perform(post("/api/v1/admin/users").with(users.staff("441202", Roles.OFFICE_STAFF))
						.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json(body)));
				if (value.equals(HUGE)) {
					// over the API's body cap: refused before any field is read
					answer.andExpect(status().isContentTooLarge());
				}
				else {
					answer.andExpect(status().isBadRequest())
						.andExpect(jsonPath("$.errors[*].field", Matchers.hasItem(entry.getKey())));
				}
			}
		}
		assertThat(fixtures.userCount()).isEqualTo(before);
	}

	@Test
	void wronglyTypedAndMalformedJsonIsRefusedNamingTheField() throws Exception {
		int before = fixtures.userCount();
		Map<String, String> bodies = Map.of(
				"roles", "{\"username\":\"typed1\",\"roles\":5}",
				"enabled", "{\"username\":\"typed2\",\"enabled\":\"yes\"}",
				"displayName", "{\"username\":\"typed3\",\"displayName\":{\"a\":1}}",
				"body", "{\"username\":\"typed4\",");
		for (var entry : bodies.entrySet()) {
			mvc.perform(post("/api/v1/admin/users").with(users.systemAdmin()).with(csrf())
					.contentType(MediaType.APPLICATION_JSON).content(entry.getValue()))
					.andExpect(status().isBadRequest())
					.andExpect(jsonPath("$.errors[0].field").value(entry.getKey()));
		}
		byte[] notUtf8 = "{\"username\":\"typed5\",\"displayName\":\"\u00ff\u00fe\"}".getBytes(StandardCharsets.ISO_8859_1);
		mvc.perform(post("/api/v1/admin/users").with(users.systemAdmin()).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(notUtf8)).andExpect(status().is4xxClientError());
		mvc.perform(get("/api/v1/admin/users/abc").with(users.systemAdmin())).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("id"));
		mvc.perform(get("/admin/users/abc").with(users.systemAdmin())).andExpect(status().isBadRequest());
		assertThat(fixtures.userCount()).isEqualTo(before);
	}

	@Test
	void editingRefusesHostileValuesAndChangesNothing() throws Exception {
		String stored = jdbc.sql("select display_name from app_user where id = :id").param("id", existing)
				.query(String.class).single();
		for (String value : List.of("", HUGE, LONG, SCRIPT, GARBLED)) {
			mvc.perform(post("/admin/users/" + existing).with(users.systemAdmin()).with(csrf())
					.param("displayName", value).param("roles", Roles.VOLUNTEER).param("regionCode", "441202")
					.param("enabled", "true")).andExpect(status().isBadRequest());
			var answer = mvc.perform(put("/api/v1/admin/users/" + existing).with(users.systemAdmin()).with(csrf())
					.contentType(MediaType.APPLICATION_JSON).content(json(Map.of("displayName", value, "roles",
							List.of(Roles.VOLUNTEER), "regionCode", "441202", "enabled", true))));
			if (value.equals(HUGE)) {
				answer.andExpect(status().isContentTooLarge());
			}
			else {
				answer.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("displayName"));
			}
		}
		mvc.perform(put("/api/v1/admin/users/" + existing).with(users.systemAdmin()).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"displayName\":\"x\",\"roles\":[\"VOLUNTEER\"],"
						+ "\"regionCode\":\"441202\",\"enabled\":true,\"password\":\"short\"}"))
				.andExpect(jsonPath("$.errors[0].field").value("password"));
		assertThat(jdbc.sql("select display_name from app_user where id = :id").param("id", existing)
				.query(String.class).single()).isEqualTo(stored);
	}

	@Test
	void anSqlIshDisplayNameIsOrdinaryTextStoredVerbatim() throws Exception {
		Map<String, Object> body = new LinkedHashMap<>(valid());
		body.put("roles", List.of(Roles.VOLUNTEER));
		body.put("displayName", SQL);
		mvc.perform(post("/api/v1/admin/users").with(users.systemAdmin()).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(json(body))).andExpect(status().isCreated())
				.andExpect(jsonPath("$.displayName").value(SQL));
	}

	@Test
	void searchAndAuditParametersAreCheckedNamingTheParameter() throws Exception {
		var admin = users.systemAdmin();
		Map<String, Map<String, String>> cases = new LinkedHashMap<>();
		cases.put("/api/v1/admin/users", Map.of("q", HUGE, "role", SQL, "page", "abc"));
		cases.put("/api/v1/admin/audit", Map.of("type", SQL, "username", SCRIPT, "from", "2026-13-45", "page", "-1"));
		for (var endpoint : cases.entrySet()) {
			for (var param : endpoint.getValue().entrySet()) {
				mvc.perform(get(endpoint.getKey()).param(param.getKey(), param.getValue()).with(admin))
						.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value(param.getKey()));
				String page = endpoint.getKey().replace("/api/v1", "");
				mvc.perform(get(page).param(param.getKey(), param.getValue()).with(admin))
						.andExpect(status().isBadRequest())
						.andExpect(content().string(Matchers.containsString("<strong>" + param.getKey() + "</strong>")));
			}
		}
		// an SQL-ish search is just text: it finds exactly the users whose name contains it literally
		int literal = jdbc.sql("select count(*) from app_user where strpos(display_name, :q) > 0").param("q", SQL)
				.query(Integer.class).single();
		mvc.perform(get("/api/v1/admin/users").param("q", SQL).with(admin)).andExpect(status().isOk())
				.andExpect(jsonPath("$.total").value(literal));
	}

	@Test
	void anOversizedFormIsRefusedBeforeAnythingReadsIt() throws Exception {
		int before = fixtures.userCount();
		byte[] body = ("username=x&displayName=" + "a".repeat(2 * 1024 * 1024)).getBytes(StandardCharsets.US_ASCII);
		mvc.perform(post("/admin/users").with(users.systemAdmin()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content(body)).andExpect(status().isContentTooLarge());
		assertThat(fixtures.userCount()).isEqualTo(before);
	}

	private static String json(Map<String, ?> body) {
		StringBuilder out = new StringBuilder("{");
		body.forEach((key, value) -> {
			if (out.length() > 1) {
				out.append(',');
			}
			out.append('"').append(key).append("\":").append(value(value));
		});
		return out.append('}').toString();
	}

	private static String value(Object value) {
		if (value instanceof List<?> list) {
			return "[" + String.join(",", list.stream().map(BadInputTest::value).toList()) + "]";
		}
		if (value instanceof Boolean b) {
			return b.toString();
		}
		StringBuilder s = new StringBuilder("\"");
		for (char c : value.toString().toCharArray()) {
			if (c == '"' || c == '\\') {
				s.append('\\').append(c);
			}
			else if (c < 0x20) {
				s.append(String.format("\\u%04x", (int) c));
			}
			else {
				s.append(c);
			}
		}
		return s.append('"').toString();
	}
}
