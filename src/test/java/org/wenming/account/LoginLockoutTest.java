package org.wenming.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.wenming.shared.Roles;
import org.wenming.support.WenmingTest;

/** Five wrong passwords within the window lock a username, even against the right one, until the window passes. */
@WenmingTest
class LoginLockoutTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder encoder;

	AccountFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new AccountFixtures(jdbc, encoder);
	}

	@Test
	void aSuccessfulLoginIsRecordedWithTheClientAddress() throws Exception {
		String username = AccountFixtures.unique("ok");
		fixtures.user(username, "441202", Roles.OFFICE_STAFF);

		login(username, AccountFixtures.PASSWORD, "203.0.113.7").andExpect(status().is3xxRedirection())
				.andExpect(redirectedUrl("/admin"));

		String ip = jdbc.sql("select ip from security_event where type = 'LOGIN_SUCCESS' and actor_username = :u")
				.param("u", username).query(String.class).single();
		assertThat(ip).isEqualTo("203.0.113.7");
		assertThat(jdbc.sql("select actor_region_path from security_event where actor_username = :u")
				.param("u", username).query(String.class).single()).isEqualTo("44.4412.441202.");
	}

	@Test
	void fiveWrongPasswordsLockTheNameUntilTheWindowHasPassed() throws Exception {
		String username = AccountFixtures.unique("lock");
		fixtures.user(username, "441202", Roles.VOLUNTEER);

		for (int i = 0; i < 5; i++) {
			login(username, "wrong-password-" + i, "198.51.100.1").andExpect(redirectedUrl("/login?error"));
		}
		assertThat(fixtures.events("LOCKOUT", username)).isEqualTo(1);

		// the right password during the lock: refused with the same answer as a wrong one
		login(username, AccountFixtures.PASSWORD, "198.51.100.1").andExpect(redirectedUrl("/login?error"));
		assertThat(fixtures.events("LOGIN_SUCCESS", username)).isZero();
		assertThat(jdbc.sql("select count(*) from security_event where actor_username = :u and outcome = 'LOCKED'"
				+ " and type = 'LOGIN_FAILURE'").param("u", username).query(Integer.class).single()).isEqualTo(1);

		// 16 minutes later (the failures move into the past rather than the clock into the future)
		jdbc.sql("update security_event set occurred_at = occurred_at - interval '16 minutes' where actor_username = :u")
				.param("u", username).update();
		login(username, AccountFixtures.PASSWORD, "198.51.100.1").andExpect(redirectedUrl("/admin"));
		assertThat(fixtures.events("LOGIN_SUCCESS", username)).isEqualTo(1);
	}

	@Test
	void fourWrongPasswordsDoNotLock() throws Exception {
		String username = AccountFixtures.unique("four");
		fixtures.user(username, "441202", Roles.VOLUNTEER);
		for (int i = 0; i < 4; i++) {
			login(username, "wrong-password-" + i, "198.51.100.2").andExpect(redirectedUrl("/login?error"));
		}
		login(username, AccountFixtures.PASSWORD, "198.51.100.2").andExpect(redirectedUrl("/admin"));
		assertThat(fixtures.events("LOCKOUT", username)).isZero();
	}

	@Test
	void logoutIsRecordedAndNeedsCsrf() throws Exception {
		String username = AccountFixtures.unique("out");
		fixtures.user(username, "441202", Roles.VOLUNTEER);
		var session = login(username, AccountFixtures.PASSWORD, "192.0.2.9").andReturn().getResponse()
				.getCookie("WENMING_SESSION");

		mvc.perform(post("/logout").cookie(session)).andExpect(status().isForbidden());
		mvc.perform(post("/logout").cookie(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));
		assertThat(fixtures.events("LOGOUT", username)).isEqualTo(1);
	}

	private ResultActions login(String username, String password, String ip) throws Exception {
		return mvc.perform(post("/login").param("username", username).param("password", password).with(csrf())
				.with(AccountFixtures.from(ip)));
	}
}
