package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.util.ReflectionUtils;
import org.wenming.account.AccountFixtures;
import org.wenming.support.WenmingTest;

import com.zaxxer.hikari.HikariDataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Each timed job runs once across the nodes: two "nodes" (two lock providers on two connection pools of
 * the same database) start the same job at the same moment and it runs once; a node whose clock fires a
 * little later finds the lock still held (lockAtLeastFor); every run is in {@code job_run}. The modules'
 * {@code @SchedulerLock} jobs and the retention jobs are locked the same way.
 */
@WenmingTest
class JobLocksTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	LockingTaskExecutor locks;

	@Autowired
	ApplicationContext context;

	@Autowired
	RetentionJobs retentionJobs;

	@Test
	void twoNodesStartingTheSameJobAtOnceRunItOnce() throws Exception {
		String job = AccountFixtures.unique("job");
		try (HikariDataSource otherPool = pool()) {
			LockingTaskExecutor nodeA = locks;
			LockingTaskExecutor nodeB = new DefaultLockingTaskExecutor(
					new JobLocks().lockProvider(otherPool, JdbcClient.create(otherPool)));
			AtomicInteger runs = new AtomicInteger();
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService threads = Executors.newFixedThreadPool(2);
			List<Future<?>> done = new ArrayList<>();
			try {
				for (LockingTaskExecutor node : List.of(nodeA, nodeB)) {
					done.add(threads.submit(() -> {
						start.await();
						node.executeWithLock((Runnable) () -> {
							runs.incrementAndGet();
							sleep(300);
						}, JobLocks.lock(job, Duration.ofMinutes(5), Duration.ofSeconds(30)));
						return null;
					}));
				}
				start.countDown();
				for (Future<?> f : done) {
					f.get(30, TimeUnit.SECONDS);
				}
			}
			finally {
				threads.shutdownNow();
			}
			assertThat(runs).hasValue(1);
			assertThat(runsOf(job)).isEqualTo(1);

			// node B's scheduler fires a few seconds late: the period is still locked, nothing runs again
			nodeB.executeWithLock((Runnable) runs::incrementAndGet, JobLocks.lock(job, Duration.ofMinutes(5),
					Duration.ofSeconds(30)));
			assertThat(runs).hasValue(1);
			assertThat(runsOf(job)).isEqualTo(1);
			assertThat(jdbc.sql("select locked_by from shedlock where name = :job").param("job", job)
				.query(String.class).single()).isEqualTo(JobLocks.NODE);
		}
	}

	@Test
	void theModulesScheduledJobsTakeTheirLock() throws Exception {
		Object autoCheckOut = context.getBean(Class.forName("org.wenming.activity.checkin.AutoCheckOut"));
		var run = ReflectionUtils.findMethod(autoCheckOut.getClass(), "run");
		ReflectionUtils.makeAccessible(run);
		int before = runsOf("auto-check-out");
		expire("auto-check-out");
		// twice at once, as two nodes' schedulers would: one run (the scheduler's own may be that one)
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<Object>> calls = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				calls.add(threads.submit(() -> run.invoke(autoCheckOut)));
			}
			for (Future<Object> call : calls) {
				call.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(runsOf("auto-check-out")).isEqualTo(before + 1);
		assertThat(jdbc.sql("select lock_until > now() + interval '40 seconds' from shedlock where name = 'auto-check-out'")
			.query(Boolean.class).single()).as("held for lockAtLeastFor (50 s)").isTrue();
	}

	@Test
	void aRetentionJobRunsOncePerPeriodAcrossNodes() {
		ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
		retentionJobs.configureTasks(registrar);
		Runnable purge = registrar.getCronTaskList().stream().map(task -> task.getRunnable())
			.filter(task -> task.toString().equals("retention job-runs")).findFirst().orElseThrow();
		int before = runsOf("retention-job-runs");
		expire("retention-job-runs");
		purge.run();
		purge.run();
		assertThat(runsOf("retention-job-runs")).isEqualTo(before + 1);
	}

	@Test
	void expiredSessionsAreDeletedByOneNodeAndLiveOnesKept(@Autowired SessionCleanup cleanup) {
		String expired = java.util.UUID.randomUUID().toString();
		String live = java.util.UUID.randomUUID().toString();
		long now = System.currentTimeMillis();
		for (String id : List.of(expired, live)) {
			jdbc.sql("""
					insert into spring_session (primary_id, session_id, creation_time, last_access_time,
					    max_inactive_interval, expiry_time)
					values (:id, :id, :at, :at, 1800, :expiry)""")
				.param("id", id).param("at", now).param("expiry", id.equals(expired) ? now - 1000 : now + 1_800_000)
				.update();
		}
		int before = runsOf("session-cleanup");
		expire("session-cleanup");
		cleanup.cleanUp();
		cleanup.cleanUp();
		assertThat(runsOf("session-cleanup")).isEqualTo(before + 1);
		assertThat(jdbc.sql("select primary_id from spring_session where primary_id in (:ids)")
			.param("ids", List.of(expired, live)).query(String.class).list()).containsExactly(live);
		jdbc.sql("delete from spring_session where primary_id = :id").param("id", live).update();
	}

	/**
	 * Ends the job's current period, as if its lockAtLeastFor had passed. (Deleting the row would not do:
	 * ShedLock remembers that it inserted it and only updates it afterwards.) Other cached test contexts
	 * schedule the same jobs: whichever of them runs first is the one run counted.
	 */
	private void expire(String job) {
		jdbc.sql("update shedlock set lock_until = now() - interval '1 second' where name = :job").param("job", job)
			.update();
	}

	private int runsOf(String job) {
		return jdbc.sql("select count(*) from job_run where name = :job").param("job", job).query(Integer.class).single();
	}

	private HikariDataSource pool() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(dataSource.getJdbcUrl());
		pool.setUsername(dataSource.getUsername());
		pool.setPassword(dataSource.getPassword());
		pool.setMaximumPoolSize(4);
		return pool;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
