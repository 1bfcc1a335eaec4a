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

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The sliding windows, without Spring: short and daily limits, per IP and per session, given back on refusal, race-free. */
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

	ReportRateLimit limit(int shortMax, int longMax) {
		return new ReportRateLimit(new CitizenProperties(200, DataSize.ofMegabytes(100), new CitizenProperties.RateLimit(
				true, shortMax, Duration.ofMinutes(10), longMax, Duration.ofDays(1), 1000)), clock);
	}

	@Test
	void theShortWindowSlidesAndTheDailyWindowHolds() {
		ReportRateLimit limit = limit(5, 20);
		for (int hour = 0; hour < 4; hour++) {
			for (int i = 0; i < 5; i++) {
				assertThat(limit.acquire("1.2.3.4", null).permit()).isPresent();
			}
			ReportRateLimit.Outcome refused = limit.acquire("1.2.3.4", null);
			assertThat(refused.permit()).isEmpty();
			// the fourth hour's refusal is the daily one: the first report leaves the day 21 hours later
			assertThat(refused.retryAfter()).isEqualTo(hour < 3 ? Duration.ofMinutes(10) : Duration.ofHours(21));
			now.set(now.get().plus(Duration.ofHours(1)));
		}
		// 20 in the day: the next place frees up a day after the first report
		ReportRateLimit.Outcome daily = limit.acquire("1.2.3.4", null);
		assertThat(daily.permit()).isEmpty();
		assertThat(daily.retryAfter()).isEqualTo(Duration.ofHours(20));
		assertThat(limit.acquire("5.6.7.8", null).permit()).isPresent();
		now.set(now.get().plus(Duration.ofHours(20)));
		assertThat(limit.acquire("1.2.3.4", null).permit()).isPresent();
	}

	@Test
	void aSessionIsCountedAcrossAddressesAndAPlaceGivenBackIsFreeAgain() {
		ReportRateLimit limit = limit(2, 20);
		ReportRateLimit.Permit first = limit.acquire("10.0.0.1", "s1").permit().orElseThrow();
		assertThat(limit.acquire("10.0.0.2", "s1").permit()).isPresent();
		assertThat(limit.acquire("10.0.0.3", "s1").permit()).isEmpty();
		limit.release(first);
		assertThat(limit.acquire("10.0.0.3", "s1").permit()).isPresent();
	}

	@Test
	void concurrentRequestsCannotAllTakeTheLastPlaces() throws Exception {
		ReportRateLimit limit = limit(5, 20);
		ExecutorService pool = Executors.newFixedThreadPool(16);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> results = new ArrayList<>();
		try {
			for (int i = 0; i < 64; i++) {
				String session = "s" + (i % 3);
				results.add(pool.submit(() -> {
					start.await();
					return limit.acquire("9.9.9.9", session).permit().isPresent();
				}));
			}
			start.countDown();
			int granted = 0;
			for (Future<Boolean> result : results) {
				granted += result.get() ? 1 : 0;
			}
			assertThat(granted).isEqualTo(5);
		}
		finally {
			pool.shutdownNow();
		}
	}
}
