package org.wenming.servicedesk.taking;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.wenming.platform.CronSchedule;

/**
 * The rating settings ({@code wenming.servicedesk.rating.*}); checked at start.
 *
 * @param period how long after serving the resident may rate; then the order is UNRATED (default 7 days)
 * @param unratedCron when served orders past the period are closed as unrated (city time; default hourly)
 */
@Validated
@ConfigurationProperties("wenming.servicedesk.rating")
public record RatingProperties(@DurationMin(hours = 1) @DurationMax(days = 90) @DefaultValue("7d") Duration period,
		@CronSchedule @DefaultValue("0 20 * * * *") String unratedCron) {
}
