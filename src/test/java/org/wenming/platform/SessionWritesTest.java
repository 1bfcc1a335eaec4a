package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.wenming.account.AccountFixtures;
import org.wenming.shared.Roles;
import org.wenming.support.WenmingTest;

import jakarta.servlet.http.Cookie;

/**
 * A signed-in request does not rewrite its session's row just to move the last-access time by seconds;
 * once the stored time is older than a tenth of the timeout (at most a minute) the row is written again,
 * so an active session does not expire.
 */
@WenmingTest
class SessionWritesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder encoder;

	@Test
	void theLastAccessTimeIsWrittenOncePerMinuteNotOncePerRequest() throws Exception {
		String name = AccountFixtures.unique("touch");
		new AccountFixtures(jdbc, encoder).user(name, "441202", Roles.VOLUNTEER);
		Cookie session = mvc.perform(post("/login").param("username", name).param("password", AccountFixtures.PASSWORD)
				.with(csrf())).andReturn().getResponse().getCookie("WENMING_SESSION");
		long signedIn = lastAccess(name);

		mvc.perform(get("/account/password").cookie(session)).andExpect(status().isOk());
		assertThat(lastAccess(name)).as("seconds later: the row is left alone").isEqualTo(signedIn);

		// the stored time is two minutes old: the next request writes it, and the expiry with it
		jdbc.sql("""
				update spring_session set last_access_time = last_access_time - 120000, expiry_time = expiry_time - 120000
				where principal_name = :name""").param("name", name).update();
		long before = System.currentTimeMillis();
		mvc.perform(get("/account/password").cookie(session)).andExpect(status().isOk());
		assertThat(lastAccess(name)).isGreaterThanOrEqualTo(before - 1000);
		assertThat(jdbc.sql("select expiry_time - last_access_time from spring_session where principal_name = :name")
			.param("name", name).query(Long.class).single()).isEqualTo(1_800_000L);
	}

	private long lastAccess(String name) {
		return jdbc.sql("select last_access_time from spring_session where principal_name = :name").param("name", name)
			.query(Long.class).single();
	}
}
