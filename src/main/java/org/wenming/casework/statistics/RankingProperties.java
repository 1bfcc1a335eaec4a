package org.wenming.casework.statistics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.wenming.platform.CronSchedule;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Red/black list settings ({@code wenming.casework.statistics.*}).
 *
 * @param rankingCron when the list of the week before is published (Spring cron, Asia/Shanghai;
 *     default Mondays at 08:00; "-" switches the schedule off)
 * @param rankingSize how many districts and units go on each list, red and black (default 5)
 */
@Validated
@ConfigurationProperties("wenming.casework.statistics")
public record RankingProperties(@CronSchedule @DefaultValue("0 0 8 * * MON") String rankingCron,
		@Min(1) @Max(50) @DefaultValue("5") int rankingSize) {
}
