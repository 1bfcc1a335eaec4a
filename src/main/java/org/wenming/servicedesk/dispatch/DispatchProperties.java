package org.wenming.servicedesk.dispatch;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.wenming.platform.CronSchedule;

/**
 * The dispatch settings ({@code wenming.servicedesk.dispatch.*}); checked at start.
 *
 * @param escalationCron when overdue orders are escalated (city time; default every 5 minutes)
 * @param escalateAfterDays working days the site above has, after an escalation, before the order goes up
 *        again
 * @param maxEscalationLevel the highest level: 1 the institute, 2 the centre, 3 the city (its office
 *        staff see it; no site moves)
 */
@Validated
@ConfigurationProperties("wenming.servicedesk.dispatch")
public record DispatchProperties(@CronSchedule @DefaultValue("0 */5 * * * *") String escalationCron,
		@Min(1) @Max(30) @DefaultValue("1") int escalateAfterDays,
		@Min(1) @Max(9) @DefaultValue("3") int maxEscalationLevel) {
}
