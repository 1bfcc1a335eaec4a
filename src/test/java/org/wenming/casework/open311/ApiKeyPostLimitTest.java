package org.wenming.casework.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.platform.SecretTokens;
import org.wenming.support.WenmingTest;

import com.zaxxer.hikari.HikariDataSource;

/**
 * An Open311 key's posts per minute are counted in the database: two nodes (two connection pools) and
 * twenty threads posting at once get exactly the allowance between them, and the next minute is new.
 */
@WenmingTest
class ApiKeyPostLimitTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HikariDataSource dataSource;

	@Test
	void twentyConcurrentPostsOnTwoNodesGetExactlyTheAllowance() throws Exception {
		long key = jdbc.sql("""
				insert into open311_api_key (name, key_hash, key_prefix, created_by)
				values ('limit test', :hash, 'limit', 'test') returning id""")
			.param("hash", SecretTokens.sha256(SecretTokens.random(32))).query(Long.class).single();
		Instant minute = Instant.parse("2026-03-02T01:00:10Z");
		Clock clock = Clock.fixed(minute, ZoneOffset.UTC);
		Open311Properties properties = new Open311Properties("zhaoqing.gov.cn", "c", "k", Duration.ofDays(90), 5);
		try (HikariDataSource otherNode = new HikariDataSource()) {
			otherNode.setJdbcUrl(dataSource.getJdbcUrl());
			otherNode.setUsername(dataSource.getUsername());
			otherNode.setPassword(dataSource.getPassword());
			otherNode.setMaximumPoolSize(10);
			ApiKeys nodeA = new ApiKeys(jdbc, properties, clock);
			ApiKeys nodeB = new ApiKeys(JdbcClient.create(otherNode), properties, clock);
			ExecutorService pool = Executors.newFixedThreadPool(20);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> results = new ArrayList<>();
			try {
				for (int i = 0; i < 20; i++) {
					ApiKeys node = i % 2 == 0 ? nodeA : nodeB;
					results.add(pool.submit(() -> {
						start.await();
						return node.allowPost(key);
					}));
				}
				start.countDown();
				int allowed = 0;
				for (Future<Boolean> result : results) {
					allowed += result.get() ? 1 : 0;
				}
				assertThat(allowed).isEqualTo(5);
			}
			finally {
				pool.shutdownNow();
			}
			// the next minute starts again, on either node
			ApiKeys nextMinute = new ApiKeys(JdbcClient.create(otherNode), properties,
					Clock.fixed(minute.plus(Duration.ofMinutes(1)), ZoneOffset.UTC));
			assertThat(nextMinute.allowPost(key)).isTrue();
		}
	}
}
