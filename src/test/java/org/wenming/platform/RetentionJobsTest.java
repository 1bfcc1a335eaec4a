package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The shared retention mechanism without Spring: cut-off, batches, metric, schedule. */
class RetentionJobsTest {

	static final Instant NOW = Instant.parse("2026-12-06T03:00:00Z");

	final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	/** Rows with their ages; deletes the oldest ones first, as the modules' statements do. */
	static class Rows implements RetentionJob {

		final List<Instant> rows = new ArrayList<>();

		final List<Integer> batches = new ArrayList<>();

		final String cron;

		Instant lastBefore;

		Rows(String cron, int... daysAgo) {
			this.cron = cron;
			for (int days : daysAgo) {
				rows.add(NOW.minus(Duration.ofDays(days)));
			}
		}

		@Override
		public String name() {
			return "test-rows";
		}

		@Override
		public String cron() {
			return cron;
		}

		@Override
		public Duration retention() {
			return Duration.ofDays(30);
		}

		@Override
		public int deleteBatch(Instant before, int limit) {
			lastBefore = before;
			List<Instant> old = rows.stream().filter(at -> at.isBefore(before)).sorted().limit(limit).toList();
			rows.removeAll(old);
			batches.add(old.size());
			return old.size();
		}
	}

	@Test
	void rowsOlderThanTheRetentionGoInBatchesUntilABatchIsShort() {
		Rows job = new Rows("0 0 3 * * *", 100, 90, 60, 45, 31, 29, 1);
		RetentionJobs jobs = new RetentionJobs(List.of(job), clock, meters, 2);

		assertThat(jobs.purge(job)).isEqualTo(5);

		assertThat(job.lastBefore).isEqualTo(NOW.minus(Duration.ofDays(30)));
		assertThat(job.batches).containsExactly(2, 2, 1);
		assertThat(job.rows).containsExactlyInAnyOrder(NOW.minus(Duration.ofDays(29)), NOW.minus(Duration.ofDays(1)));
		assertThat(meters.get("wenming.retention.deleted").tag("job", "test-rows").counter().count()).isEqualTo(5);
	}

	@Test
	void aFullLastBatchIsFollowedByAnEmptyOne() {
		Rows job = new Rows("0 0 3 * * *", 100, 90);
		assertThat(new RetentionJobs(List.of(job), clock, meters, 2).purge(job)).isEqualTo(2);
		assertThat(job.batches).containsExactly(2, 0);
	}

	@Test
	void eachJobIsScheduledOnItsCronUnlessItSaysNever() {
		Rows scheduled = new Rows("0 0 3 * * *");
		Rows never = new Rows("-");
		ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
		new RetentionJobs(List.of(scheduled, never), clock, meters, 2).configureTasks(registrar);

		assertThat(registrar.getCronTaskList()).singleElement().satisfies(task -> {
			assertThat(task.getExpression()).isEqualTo("0 0 3 * * *");
			assertThat(task.getRunnable()).hasToString("retention test-rows");
		});
	}

	@Test
	void aJobWithoutRetentionIsRefused() {
		RetentionJob keepsNothing = new Rows("-") {

			@Override
			public Duration retention() {
				return Duration.ZERO;
			}
		};
		assertThatThrownBy(() -> new RetentionJobs(List.of(keepsNothing), clock, meters, 2))
			.hasMessageContaining("retention of test-rows must be longer than 0");
	}
}
