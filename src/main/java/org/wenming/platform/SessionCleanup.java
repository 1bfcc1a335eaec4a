package org.wenming.platform;

import java.time.Duration;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;
import org.wenming.shared.CityTime;

import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Deletes expired sessions from {@code spring_session}, on one node per period. Spring Session's own
 * cleanup is switched off ({@code spring.session.jdbc.cleanup-cron: "-"}): it runs on a scheduler of its
 * own in every process, unlocked, also in commands. This one runs only where the timed jobs run.
 */
@Component
class SessionCleanup implements SchedulingConfigurer {

	/** One statement; if its node dies the next minute's run on another node does it. */
	static final Duration LOCK_AT_MOST = Duration.ofMinutes(5);

	/** A node whose clock is seconds off does not delete again in the same minute. */
	static final Duration LOCK_AT_LEAST = Duration.ofSeconds(30);

	private final JdbcIndexedSessionRepository sessions;

	private final LockingTaskExecutor locks;

	private final JobProperties properties;

	SessionCleanup(JdbcIndexedSessionRepository sessions, LockingTaskExecutor locks, JobProperties properties) {
		this.sessions = sessions;
		this.locks = locks;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		if (!ScheduledTaskRegistrar.CRON_DISABLED.equals(properties.sessionCleanupCron())) {
			registrar.addCronTask(new CronTask(new Runnable() {

				@Override
				public void run() {
					cleanUp();
				}

				@Override
				public String toString() {
					return "session-cleanup";
				}
			}, new CronTrigger(properties.sessionCleanupCron(), CityTime.ZONE)));
		}
	}

	void cleanUp() {
		locks.executeWithLock((Runnable) sessions::cleanUpExpiredSessions,
				JobLocks.lock("session-cleanup", LOCK_AT_MOST, LOCK_AT_LEAST));
	}
}
