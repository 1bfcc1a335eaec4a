package org.wenming.honor.roll;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.wenming.platform.CronSchedule;

/**
 * The notice periods' settings ({@code wenming.honor.notice.*}) as the staff side uses them; checked at start.
 *
 * @param days how long a notice period lasts when staff give no length (公示期, days)
 * @param closeCron when ended notice periods are closed and their nominations moved to review (city time)
 */
@Validated
@ConfigurationProperties("wenming.honor.notice")
public record NoticeProperties(@Min(1) @Max(60) @DefaultValue("7") int days,
		@CronSchedule @DefaultValue("0 */10 * * * *") String closeCron) {
}
