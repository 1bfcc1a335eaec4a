package org.wenming.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;
import org.wenming.shared.CityTime;

import net.javacrumbs.shedlock.core.LockingTaskExecutor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Runs the modules' {@link RetentionJob}s: each on its own cron (city time) while the server schedules
 * jobs at all ({@code wenming.scheduling.enabled}; a command's context schedules nothing), in batches so
 * that a first purge of a large backlog holds no long lock and no long transaction. Each run takes the
 * job's lock ({@code retention-<name>}, {@link JobLocks}) so that one node purges per period.
 */
@Component
public class RetentionJobs implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(RetentionJobs.class);

	static final int BATCH_SIZE = 10_000;

	/**
	 * A purge whose node died frees its lock after this; the purge deletes in batches and a rerun only
	 * finds less to delete, so an early second run costs nothing but time.
	 */
	static final Duration LOCK_AT_MOST = Duration.ofMinutes(30);

	/**
	 * Longer than the nodes' clocks may differ, shorter than any cron period: a node whose scheduler fires
	 * a few seconds late finds the lock still held and skips the period the other node already purged.
	 */
	static final Duration LOCK_AT_LEAST = Duration.ofMinutes(1);

	private final List<RetentionJob> jobs;

	private final Clock clock;

	private final MeterRegistry meters;

	private final int batchSize;

	private final LockingTaskExecutor locks;

	@Autowired
	RetentionJobs(List<RetentionJob> jobs, Clock clock, ObjectProvider<MeterRegistry> meters,
			LockingTaskExecutor locks) {
		this(jobs, clock, meters.getIfAvailable(SimpleMeterRegistry::new), BATCH_SIZE, locks);
	}

	RetentionJobs(List<RetentionJob> jobs, Clock clock, MeterRegistry meters, int batchSize) {
		this(jobs, clock, meters, batchSize, null);
	}

	RetentionJobs(List<RetentionJob> jobs, Clock clock, MeterRegistry meters, int batchSize,
			LockingTaskExecutor locks) {
		this.locks = locks;
		this.jobs = List.copyOf(jobs);
		this.clock = clock;
		this.meters = meters;
		this.batchSize = batchSize;
		for (RetentionJob job : this.jobs) {
			if (job.retention().isNegative() || job.retention().isZero()) {
				throw new IllegalStateException("retention of " + job.name() + " must be longer than 0, not " + job.retention());
			}
			deleted(job);
		}
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		for (RetentionJob job : jobs) {
			if (!ScheduledTaskRegistrar.CRON_DISABLED.equals(job.cron())) {
				registrar.addCronTask(new CronTask(new ScheduledPurge(job), new CronTrigger(job.cron(), CityTime.ZONE)));
			}
		}
	}

	/** The jobs the modules declared. */
	public List<RetentionJob> jobs() {
		return jobs;
	}

	/**
	 * Purges what {@code job} no longer keeps, one batch (one short transaction) at a time.
	 *
	 * @return how many rows were deleted
	 */
	public int purge(RetentionJob job) {
		Instant before = clock.instant().minus(job.retention());
		int total = 0;
		int batch;
		do {
			batch = job.deleteBatch(before, batchSize);
			total += batch;
			deleted(job).increment(batch);
		}
		while (batch >= batchSize);
		if (total > 0) {
			log.info("Retention {}: deleted {} rows older than {} (kept {})", job.name(), total, before, job.retention());
		}
		return total;
	}

	private Counter deleted(RetentionJob job) {
		return Counter.builder("wenming.retention.deleted").description("Rows deleted by a retention job")
			.tag("job", job.name()).register(meters);
	}

	/** The scheduled run of one job; named so that the scheduled tasks say which job they are. */
	private final class ScheduledPurge implements Runnable {

		private final RetentionJob job;

		ScheduledPurge(RetentionJob job) {
			this.job = job;
		}

		@Override
		public void run() {
			try {
				if (locks == null) {
					purge(job);
				}
				else {
					locks.executeWithLock((Runnable) () -> purge(job),
							JobLocks.lock("retention-" + job.name(), LOCK_AT_MOST, LOCK_AT_LEAST));
				}
			}
			catch (RuntimeException ex) {
				log.error("Retention {} failed; it runs again at its next time", job.name(), ex);
			}
		}

		@Override
		public String toString() {
			return "retention " + job.name();
		}
	}
}
