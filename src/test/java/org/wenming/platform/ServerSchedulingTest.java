package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.wenming.support.WenmingTest;

/** The server's context does schedule the modules' timed jobs (the counterpart of {@link CommandSchedulingTest}). */
@WenmingTest
class ServerSchedulingTest {

	@Autowired
	ApplicationContext context;

	@Test
	void theServerSchedulesTheTimedJobs() {
		List<String> tasks = context.getBeansOfType(ScheduledTaskHolder.class).values().stream()
			.flatMap(holder -> holder.getScheduledTasks().stream())
			.map(task -> task.getTask().toString())
			.toList();
		assertThat(tasks).anyMatch(task -> task.contains("AutoCheckOut"))
			.anyMatch(task -> task.contains("escalateOnSchedule"))
			.anyMatch(task -> task.contains("resubmitStale"))
			.contains("session-cleanup", "retention report-rate-logs", "retention open311-post-windows", "retention job-runs")
			.contains("retention security-audit", "retention check-in-requests", "retention insight-applied-events",
					"retention event-publications");
	}
}
