package org.wenming.platform;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * How long completed event publications (the modules' outbox) are kept ({@code wenming.events.*}).
 *
 * @param retention completed publications older than this are deleted (at least 1d); incomplete ones
 *        are kept until delivered
 * @param purgeCron when old completed publications are deleted (Spring cron, Asia/Shanghai; "-": never)
 * @param resubmitAfter a publication still incomplete this long after it was published is delivered again
 *        by one node (its node died, or its listener failed); at least 1m, so that deliveries under way are
 *        not doubled
 * @param resubmitCron when stale publications are looked for (Spring cron, Asia/Shanghai; "-": never)
 */
@Validated
@ConfigurationProperties("wenming.events")
record EventRetentionProperties(@NotNull @DurationMin(days = 1) @DefaultValue("30d") Duration retention,
		@CronSchedule @DefaultValue("0 37 3 * * *") String purgeCron,
		@NotNull @DurationMin(minutes = 1) @DefaultValue("5m") Duration resubmitAfter,
		@CronSchedule @DefaultValue("0 * * * * *") String resubmitCron) {
}
