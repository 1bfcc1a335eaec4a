package org.wenming.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.wenming.region.Regions;
import org.wenming.shared.ScopedUser;
import org.wenming.support.AsyncAnswers;
import org.wenming.support.WenmingTest;

import jakarta.servlet.http.Cookie;

/**
 * A signed-in sign-up reads its session from the database once, its asynchronous answer included (Spring
 * Session's filter alone read it four times: twice in each dispatch, platform.SessionReads); and what a request
 * does to the session still reaches the database: signing out ends it for the next request.
 */
@WenmingTest
class SignupSessionReadsTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Activities activities;

	@MockitoSpyBean
	JdbcIndexedSessionRepository sessions;

	@Test
	void anAsynchronousSignUpReadsItsSessionOnce() throws Exception {
		ActivityFixtures fixtures = new ActivityFixtures(jdbc, regions);
		long team = fixtures.team("会话读取队" + ActivityFixtures.tag(), "441202", ActivityFixtures.DUANZHOU_PATH);
		ScopedUser leader = fixtures.leader(team);
		Activity activity = activities.create(ActivityFixtures.draft("会话读取" + ActivityFixtures.tag(), team,
				List.of(ActivityFixtures.shift(OffsetDateTime.now().plusDays(5).withNano(0), 2, 5))), leader);
		activities.publish(activity.id(), leader);
		long shift = activities.shifts(activity.id()).get(0).id();
		ScopedUser volunteer = fixtures.volunteer("会话读取者");
		String username = jdbc.sql("select username from app_user where id = :id").param("id", volunteer.userId())
			.query(String.class).single();
		jdbc.sql("insert into user_role (user_id, role) values (:id, 'VOLUNTEER')").param("id", volunteer.userId())
			.update();
		Cookie session = mvc.perform(post("/login").param("username", username).param("password", "not-used")
				.with(csrf())).andReturn().getResponse().getCookie("WENMING_SESSION");
		assertThat(session).as("signed in").isNotNull();

		clearInvocations(sessions);
		MvcResult answer = AsyncAnswers.perform(mvc,
				post("/api/v1/shifts/" + shift + "/signups").cookie(session).with(csrf()));
		assertThat(answer.getResponse().getStatus()).as(answer.getResponse().getContentAsString()).isEqualTo(201);
		verify(sessions, times(1)).findById(anyString());

		mvc.perform(post("/logout").cookie(session).with(csrf()));
		assertThat(jdbc.sql("select count(*) from spring_session where principal_name = :name").param("name", username)
			.query(Long.class).single()).as("signing out deleted the stored session").isZero();
		clearInvocations(sessions);
		int status = mvc.perform(get("/api/v1/me/signups").cookie(session)).andReturn().getResponse().getStatus();
		assertThat(status).as("the old cookie no longer signs in").isIn(401, 403);
	}
}
