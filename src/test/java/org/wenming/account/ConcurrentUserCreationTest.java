package org.wenming.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/** Administrators creating the same username at the same moment: one account, clear refusals, no 5xx. */
@WenmingTest
class ConcurrentUserCreationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Test
	void sameUsernameAtOnceMakesOneAccount() throws Exception {
		String username = "race-" + UUID.randomUUID().toString().substring(0, 8);
		RequestPostProcessor city = new TestUsers(regions).staff("4412", Roles.OFFICE_STAFF);
		int threads = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<Integer>> answers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Callable<Integer> create = () -> {
				start.await();
				return mvc.perform(post("/api/v1/admin/users").with(city).with(csrf())
						.contentType(MediaType.APPLICATION_JSON)
						.content("{\"username\":\"" + username + "\",\"displayName\":\"并发测试\","
								+ "\"password\":\"Race-test-2026\",\"roles\":[\"VOLUNTEER\"],\"regionCode\":\"441202\"}"))
					.andReturn().getResponse().getStatus();
			};
			answers.add(pool.submit(create));
		}
		start.countDown();
		List<Integer> statuses = new ArrayList<>();
		for (Future<Integer> answer : answers) {
			statuses.add(answer.get());
		}
		pool.shutdown();
		assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
		assertThat(statuses).filteredOn(s -> s != 201).allMatch(s -> s == 400);
		assertThat(jdbc.sql("select count(*) from app_user where username = :u").param("u", username)
				.query(Long.class).single()).isEqualTo(1);
	}
}
