package org.wenming.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

import jakarta.servlet.http.Cookie;

@WenmingTest
class RolesAndPasswordsTest {

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

	@BeforeEach
	void setUp() {
		fixtures = new AccountFixtures(jdbc, encoder);
		users = new TestUsers(regions);
	}

	@Test
	void onlyASystemAdministratorGrantsSystemAdministrator() throws Exception {
		String name = AccountFixtures.unique("grant");
		long id = fixtures.user(name, "441202", Roles.OFFICE_STAFF);
		String body = """
				{"displayName":"x","roles":["OFFICE_STAFF","SYSTEM_ADMIN"],"regionCode":"441202","enabled":true}""";

		mvc.perform(put("/api/v1/admin/users/" + id).with(users.staff("4412", Roles.OFFICE_STAFF)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("roles"));
		assertThat(roles(id)).isEqualTo("OFFICE_STAFF");
		assertThat(fixtures.events("ROLE_CHANGED", name)).isZero();

		mvc.perform(put("/api/v1/admin/users/" + id).with(users.systemAdmin()).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk());
		assertThat(roles(id)).isEqualTo("OFFICE_STAFF,SYSTEM_ADMIN");
		assertThat(jdbc.sql("select detail from security_event where type = 'ROLE_CHANGED' and target_user_id = :id")
				.param("id", id).query(String.class).single())
				.isEqualTo("before=[OFFICE_STAFF] after=[OFFICE_STAFF, SYSTEM_ADMIN]");

		// nor may office staff take it away again
		mvc.perform(put("/api/v1/admin/users/" + id).with(users.staff("4412", Roles.OFFICE_STAFF)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("""
						{"displayName":"x","roles":["OFFICE_STAFF"],"regionCode":"441202","enabled":true}"""))
				.andExpect(status().isBadRequest());
		assertThat(roles(id)).isEqualTo("OFFICE_STAFF,SYSTEM_ADMIN");
	}

	@Test
	void aNewPasswordMustFollowTheRules() throws Exception {
		String[][] refused = { { "short1", "error" }, { "onlyletterslong", "letters" }, { "1234567890123", "digits" } };
		for (String[] password : refused) {
			String name = AccountFixtures.unique("pw");
			mvc.perform(post("/api/v1/admin/users").with(users.systemAdmin()).with(csrf())
					.contentType(MediaType.APPLICATION_JSON).content("""
							{"username":"%s","displayName":"x","password":"%s","roles":["VOLUNTEER"],"regionCode":"441202"}"""
							.formatted(name, password[0])))
					.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("password"));
		}
		String name = AccountFixtures.unique("pw");
		mvc.perform(post("/api/v1/admin/users").with(users.systemAdmin()).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("""
						{"username":"%s","displayName":"x","password":"x%s9","roles":["VOLUNTEER"],"regionCode":"441202"}"""
						.formatted(name, name)))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("password"));
	}

	@Test
	void anExpiredStaffPasswordMustBeChangedBeforeAnythingElse() throws Exception {
		String name = AccountFixtures.unique("old");
		fixtures.user(name, "441202", Instant.now().minus(Duration.ofDays(200)), Roles.OFFICE_STAFF);

		// the session lives in the database (Spring Session): its cookie carries it to the next request
		Cookie session = mvc.perform(post("/login").param("username", name)
				.param("password", AccountFixtures.PASSWORD).with(csrf()))
				.andExpect(redirectedUrl("/account/password?expired")).andReturn().getResponse().getCookie("WENMING_SESSION");
		mvc.perform(get("/admin/users").cookie(session)).andExpect(redirectedUrl("/account/password?expired"));
		mvc.perform(get("/api/v1/admin/users").cookie(session)).andExpect(status().isForbidden());
		mvc.perform(get("/account/password").cookie(session)).andExpect(status().isOk());

		mvc.perform(post("/account/password").cookie(session).with(csrf()).param("current", AccountFixtures.PASSWORD)
				.param("password", "New-secret-2026").param("repeat", "New-secret-2027"))
				.andExpect(status().isBadRequest());
		mvc.perform(post("/account/password").cookie(session).with(csrf()).param("current", "wrong")
				.param("password", "New-secret-2026").param("repeat", "New-secret-2026"))
				.andExpect(status().isBadRequest());
		mvc.perform(post("/account/password").cookie(session).with(csrf()).param("current", AccountFixtures.PASSWORD)
				.param("password", "New-secret-2026").param("repeat", "New-secret-2026"))
				.andExpect(redirectedUrl("/account/password?changed"));
		mvc.perform(get("/admin/users").cookie(session)).andExpect(status().isOk());
		assertThat(jdbc.sql("select count(*) from security_event where type = 'PASSWORD_CHANGED' and outcome = 'OK'"
				+ " and target_username = :u").param("u", name).query(Integer.class).single()).isEqualTo(1);

		mvc.perform(post("/login").param("username", name).param("password", "New-secret-2026").with(csrf()))
				.andExpect(redirectedUrl("/admin"));
	}

	@Test
	void aFreshStaffPasswordAndAnOldCitizenPasswordAreNotForcedToChange() throws Exception {
		String citizen = AccountFixtures.unique("cit");
		fixtures.user(citizen, "441202", Instant.now().minus(Duration.ofDays(400)), Roles.CITIZEN);
		mvc.perform(post("/login").param("username", citizen).param("password", AccountFixtures.PASSWORD).with(csrf()))
				.andExpect(redirectedUrl("/admin"));
	}

	@Test
	void staffSessionsGetTheStaffIdleTimeout() throws Exception {
		String name = AccountFixtures.unique("idle");
		fixtures.user(name, "441202", Roles.OFFICE_STAFF);
		assertThat(mvc.perform(post("/login").param("username", name).param("password", AccountFixtures.PASSWORD)
				.with(csrf())).andReturn().getResponse().getCookie("WENMING_SESSION")).isNotNull();
		// the stored session, as every node reads it
		assertThat(jdbc.sql("select max_inactive_interval from spring_session where principal_name = :name")
			.param("name", name).query(Integer.class).single()).isEqualTo(30 * 60);
	}

	private String roles(long id) {
		return jdbc.sql("select string_agg(role, ',' order by role) from user_role where user_id = :id").param("id", id)
				.query(String.class).single();
	}
}
