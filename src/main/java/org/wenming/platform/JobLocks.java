package org.wenming.platform;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

/**
 * Each timed job runs on one node per period: ShedLock's lock in the {@code shedlock} table, taken by
 * the database's clock ({@code usingDbTime}) so that the nodes' clocks do not decide who holds it.
 * Every lock taken is also written to {@code job_run}, the record of which node ran which job when.
 * The modules lock their {@code @Scheduled} methods with {@code @SchedulerLock}; {@link RetentionJobs}
 * and {@link SessionCleanup} lock through {@link #executor()}.
 */
@Configuration(proxyBeanMethods = false)
class JobLocks {

	/** Who holds a lock: process id and host, so two nodes on one machine are told apart. */
	static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

	@Bean
	LockProvider lockProvider(DataSource dataSource, JdbcClient jdbc) {
		LockProvider shedlock = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.withTableName("shedlock")
			.withLockedByValue(NODE)
			.usingDbTime()
			.build());
		return new RecordingLockProvider(shedlock, jdbc);
	}

	@Bean
	LockingTaskExecutor lockingTaskExecutor(LockProvider lockProvider) {
		return new DefaultLockingTaskExecutor(lockProvider);
	}

	/** A lock for one of the platform's own jobs, from now on. */
	static LockConfiguration lock(String name, Duration atMostFor, Duration atLeastFor) {
		return new LockConfiguration(Instant.now(), name, atMostFor, atLeastFor);
	}

	/** Writes one {@code job_run} row for each lock it gets: the lock was got, so the job runs. */
	static final class RecordingLockProvider implements LockProvider {

		private final LockProvider delegate;

		private final JdbcClient jdbc;

		RecordingLockProvider(LockProvider delegate, JdbcClient jdbc) {
			this.delegate = delegate;
			this.jdbc = jdbc;
		}

		@Override
		public Optional<SimpleLock> lock(LockConfiguration configuration) {
			Optional<SimpleLock> lock = delegate.lock(configuration);
			if (lock.isPresent()) {
				jdbc.sql("insert into job_run (name, locked_at, node) values (:name, now(), :node)")
					.param("name", configuration.getName()).param("node", NODE).update();
			}
			return lock;
		}
	}

	/** Runs older than {@code wenming.jobs.run-retention} are purged with the other retention jobs. */
	@Bean
	RetentionJob jobRunRetention(JdbcClient jdbc, JobProperties properties) {
		return new RetentionJob() {

			@Override
			public String name() {
				return "job-runs";
			}

			@Override
			public String cron() {
				return properties.runPurgeCron();
			}

			@Override
			public Duration retention() {
				return properties.runRetention();
			}

			@Override
			public int deleteBatch(Instant before, int limit) {
				return jdbc.sql("""
						delete from job_run where id in (
						    select id from job_run where locked_at < :before order by locked_at limit :limit)""")
					.param("before", Timestamp.from(before)).param("limit", limit).update();
			}
		};
	}
}
