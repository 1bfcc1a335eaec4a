package org.wenming.insight;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.wenming.platform.CronSchedule;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The dashboards' settings ({@code wenming.insight.*}); checked at start.
 *
 * @param dashboardRefreshSeconds how long the public dashboard's figures are cached (0-3600; 0: not
 *        cached); the page says it
 * @param appliedEventRetention keys of facts the dashboards have counted are kept this long (at least
 *        1d), and always while an older event is still waiting to be delivered again
 * @param appliedEventPurgeCron when those keys are purged (Spring cron, Asia/Shanghai; "-": never)
 */
@Validated
@ConfigurationProperties("wenming.insight")
public record InsightProperties(@Min(0) @Max(3600) @DefaultValue("10") int dashboardRefreshSeconds,
		@NotNull @DurationMin(days = 1) @DefaultValue("7d") Duration appliedEventRetention,
		@CronSchedule @DefaultValue("0 47 3 * * *") String appliedEventPurgeCron) {
}
