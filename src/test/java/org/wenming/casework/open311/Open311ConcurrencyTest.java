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
		// counted for this key's cases only: the timed jobs (escalation every 10 minutes) and other modules'
		// listeners may write cases and case events of their own while the threads run
		long keyId = keys.authenticate(key).orElseThrow().id();
		long casesBefore = count("select count(*) from rectification_case where api_key_id = :k", keyId);
		long extrasBefore = count("""
				select count(*) from open311_request o join rectification_case c on c.id = o.case_id
				where c.api_key_id = :k""", keyId);
		long eventsBefore = count("""
				select count(*) from case_event e join rectification_case c on c.id = e.case_id
				where c.api_key_id = :k""", keyId);
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
			assertThat(count("select count(*) from rectification_case where api_key_id = :k", keyId))
				.isEqualTo(casesBefore + accepted.size());
			assertThat(count("""
					select count(*) from open311_request o join rectification_case c on c.id = o.case_id
					where c.api_key_id = :k""", keyId)).isEqualTo(extrasBefore + accepted.size());
			assertThat(count("""
					select count(*) from case_event e join rectification_case c on c.id = e.case_id
					where c.api_key_id = :k""", keyId)).isEqualTo(eventsBefore + accepted.size());
		}
		finally {
			fixtures.cleanUp(accepted);
		}
	}

	private long count(String sql, long keyId) {
		return jdbc.sql(sql).param("k", keyId).query(Long.class).single();
	}
}
