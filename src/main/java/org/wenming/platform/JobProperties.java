package org.wenming.platform;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * The timed jobs across the nodes ({@code wenming.jobs.*}).
 *
 * @param runRetention how long the record of each job run ({@code job_run}) is kept (at least 1d)
 * @param runPurgeCron when old job runs are deleted (Spring cron, Asia/Shanghai; "-": never)
 * @param sessionCleanupCron when expired sessions are deleted from the database, by one node (Spring
 *        cron, Asia/Shanghai; "-": never)
 */
@Validated
@ConfigurationProperties("wenming.jobs")
record JobProperties(@NotNull @DurationMin(days = 1) @DefaultValue("30d") Duration runRetention,
		@CronSchedule @DefaultValue("0 27 3 * * *") String runPurgeCron,
		@CronSchedule @DefaultValue("0 * * * * *") String sessionCleanupCron) {
}
