package org.wenming.casework.citizen;

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
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;
import org.wenming.account.AccountFixtures;
import org.wenming.support.WenmingTest;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The sliding windows counted in PostgreSQL: short and daily limits, per IP and per session, given back
 * on refusal, race-free with real threads, and shared by two "nodes" (two limits on two connection pools
 * of the same database) as by the nodes behind a balancer.
 */
@WenmingTest
class ReportRateLimitTest {

	final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T01:00:00Z"));

	final Clock clock = new Clock() {
		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now.get();
		}
	};

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	HikariDataSource dataSource;

	/** The second node's own pool on the same database. */
	HikariDataSource otherNode;

	@BeforeEach
	void secondNode() {
		otherNode = new HikariDataSource();
		otherNode.setJdbcUrl(dataSource.getJdbcUrl());
		otherNode.setUsername(dataSource.getUsername());
		otherNode.setPassword(dataSource.getPassword());
		otherNode.setMaximumPoolSize(8);
	}

	@AfterEach
	void closeIt() {
		otherNode.close();
	}

	ReportRateLimit limit(int shortMax, int longMax) {
		return new ReportRateLimit(properties(shortMax, longMax), clock, jdbc, transactions);
	}

	ReportRateLimit onTheOtherNode(int shortMax, int longMax) {
		return new ReportRateLimit(properties(shortMax, longMax), clock, JdbcClient.create(otherNode),
				new DataSourceTransactionManager(otherNode));
	}

	static CitizenProperties properties(int shortMax, int longMax) {
		return new CitizenProperties(200, DataSize.ofMegabytes(100), new CitizenProperties.RateLimit(true, shortMax,
				Duration.ofMinutes(10), longMax, Duration.ofDays(1)));
	}

	@Test
	void theShortWindowSlidesAndTheDailyWindowHolds() {
		ReportRateLimit limit = limit(5, 20);
		String ip = AccountFixtures.unique("ip");
		for (int hour = 0; hour < 4; hour++) {
			for (int i = 0; i < 5; i++) {
				assertThat(limit.acquire(ip, null).permit()).isPresent();
			}
			ReportRateLimit.Outcome refused = limit.acquire(ip, null);
			assertThat(refused.permit()).isEmpty();
			// the fourth hour's refusal is the daily one: the first report leaves the day 21 hours later
			assertThat(refused.retryAfter()).isEqualTo(hour < 3 ? Duration.ofMinutes(10) : Duration.ofHours(21));
			now.set(now.get().plus(Duration.ofHours(1)));
		}
		// 20 in the day: the next place frees up a day after the first report
		ReportRateLimit.Outcome daily = limit.acquire(ip, null);
		assertThat(daily.permit()).isEmpty();
		assertThat(daily.retryAfter()).isEqualTo(Duration.ofHours(20));
		assertThat(limit.acquire(AccountFixtures.unique("ip"), null).permit()).isPresent();
		now.set(now.get().plus(Duration.ofHours(20)));
		assertThat(limit.acquire(ip, null).permit()).isPresent();
	}

	@Test
	void aSessionIsCountedAcrossAddressesAndNodesAndAPlaceGivenBackIsFreeAgain() {
		ReportRateLimit nodeA = limit(2, 20);
		ReportRateLimit nodeB = onTheOtherNode(2, 20);
		String session = AccountFixtures.unique("session");
		ReportRateLimit.Permit first = nodeA.acquire(AccountFixtures.unique("ip"), session).permit().orElseThrow();
		assertThat(nodeB.acquire(AccountFixtures.unique("ip"), session).permit()).isPresent();
		assertThat(nodeA.acquire(AccountFixtures.unique("ip"), session).permit()).isEmpty();
		assertThat(nodeB.acquire(AccountFixtures.unique("ip"), session).permit()).isEmpty();
		// the report taken on node A was refused for its content: node B sees the place free again
		nodeA.release(first);
		assertThat(nodeB.acquire(AccountFixtures.unique("ip"), session).permit()).isPresent();
		assertThat(nodeA.acquire(AccountFixtures.unique("ip"), session).permit()).isEmpty();
	}

	@Test
	void twentyConcurrentReportsOnTwoNodesGetExactlyFivePlaces() throws Exception {
		ReportRateLimit nodeA = limit(5, 20);
		ReportRateLimit nodeB = onTheOtherNode(5, 20);
		String ip = AccountFixtures.unique("ip");
		ExecutorService pool = Executors.newFixedThreadPool(20);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> results = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				ReportRateLimit node = i % 2 == 0 ? nodeA : nodeB;
				String session = AccountFixtures.unique("s" + (i % 3));
				results.add(pool.submit(() -> {
					start.await();
					return node.acquire(ip, session).permit().isPresent();
				}));
			}
			start.countDown();
			int granted = 0;
			for (Future<Boolean> result : results) {
				granted += result.get() ? 1 : 0;
			}
			assertThat(granted).isEqualTo(5);
			assertThat(times(ip)).isEqualTo(5);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void neitherTheAddressNorTheSessionIdIsStoredAndIdleClientsArePurged() {
		ReportRateLimit limit = limit(5, 20);
		String ip = "203.0.113." + (System.nanoTime() % 200);
		String session = AccountFixtures.unique("secret-session");
		assertThat(limit.acquire(ip, session).permit()).isPresent();
		assertThat(jdbc.sql("select count(*) from report_rate_log where client like :ip or client like :session")
			.param("ip", "%" + ip + "%").param("session", "%" + session + "%").query(Integer.class).single()).isZero();
		assertThat(times(ip)).isEqualTo(1);
		// a client touched within the window stays; one idle for longer goes
		assertThat(limit.deleteBatch(Instant.now().minus(Duration.ofHours(1)), 10_000)).isGreaterThanOrEqualTo(0);
		assertThat(times(ip)).isEqualTo(1);
		limit.deleteBatch(Instant.now().plus(Duration.ofHours(1)), 10_000);
		assertThat(jdbc.sql("select count(*) from report_rate_log where client in (:clients)")
			.param("clients", ReportRateLimit.clients(ip, session)).query(Integer.class).single()).isZero();
	}

	@Test
	void offMeansNoCounting() {
		ReportRateLimit off = new ReportRateLimit(new CitizenProperties(200, DataSize.ofMegabytes(100),
				new CitizenProperties.RateLimit(false, 1, Duration.ofMinutes(10), 1, Duration.ofDays(1))), clock, jdbc,
				transactions);
		String ip = AccountFixtures.unique("ip");
		for (int i = 0; i < 3; i++) {
			assertThat(off.acquire(ip, null).permit()).isPresent();
		}
		assertThat(jdbc.sql("select count(*) from report_rate_log where client in (:clients)")
			.param("clients", ReportRateLimit.clients(ip, null)).query(Integer.class).single()).isZero();
	}

	private int times(String ip) {
		return jdbc.sql("select coalesce(cardinality(times), 0) from report_rate_log where client in (:clients)")
			.param("clients", ReportRateLimit.clients(ip, null)).query(Integer.class).optional().orElse(0);
	}
}
