package org.wenming.casework.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.wenming.region.Regions;
import org.wenming.support.WenmingTest;

/**
 * One key POSTing from many threads at once on the real database: the per-minute allowance is
 * never exceeded, every accepted request is one case with one history entry and one set of
 * extras, and every refused one leaves nothing.
 */
@WenmingTest
class Open311ConcurrencyTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	ApiKeys keys;

	@Test
	void manyThreadsOnOneKeyGetExactlyTheAllowance() throws Exception {
		Open311Fixtures fixtures = new Open311Fixtures(jdbc, regions, keys);
		String key = fixtures.newKey();
		long casesBefore = count("rectification_case");
		long extrasBefore = count("open311_request");
		long eventsBefore = count("case_event");
		int threads = 12;
		int each = 10;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<String> accepted = Collections.synchronizedList(new ArrayList<>());
		List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
		long minuteBefore = System.currentTimeMillis() / 60_000;
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				done.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < each; i++) {
						MvcResult result = mvc.perform(post("/open311/v2/requests.json").param("api_key", key)
								.param("service_code", "TRAFFIC_ORDER").param("lat", "23.06").param("long", "112.47")
								.param("description", "路口乱停车 " + thread + "-" + i).param("attribute[kind]", "PARKING"))
								.andReturn();
						statuses.add(result.getResponse().getStatus());
						if (result.getResponse().getStatus() == 201) {
							accepted.add(Open311Fixtures.json(result).get(0).get("service_request_id").asString());
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> f : done) {
				f.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		long minuteAfter = System.currentTimeMillis() / 60_000;
		try {
			assertThat(statuses).hasSize(threads * each).containsOnly(201, 429);
			if (minuteBefore == minuteAfter) {
				assertThat(accepted).hasSize(60);
			}
			else {
				assertThat(accepted.size()).isBetween(60, 120);
			}
			assertThat(accepted).doesNotHaveDuplicates();
			assertThat(count("rectification_case")).isEqualTo(casesBefore + accepted.size());
			assertThat(count("open311_request")).isEqualTo(extrasBefore + accepted.size());
			assertThat(count("case_event")).isEqualTo(eventsBefore + accepted.size());
		}
		finally {
			fixtures.cleanUp(accepted);
		}
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}
}
