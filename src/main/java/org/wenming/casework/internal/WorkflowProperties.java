package org.wenming.casework.internal;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.wenming.platform.CronSchedule;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * The workflow's settings ({@code wenming.casework.workflow.*}); checked at start.
 *
 * @param workingHours the working periods of a working day, in order ({@code HH:mm-HH:mm}, city time)
 * @param escalationSteps working days after the due time at which an open case reaches escalation level
 *        1, 2, 3... (default {@code 0,2,5}: level 1 at the due time, 2 two working days later, 3 after five)
 * @param escalationCron when the escalation job runs (default every 10 minutes)
 * @param duplicateRadiusMetres how near an open case of the same category must be to count as a possible duplicate
 * @param duplicateDays how recent (reported within these days) a possible duplicate must be
 */
@Validated
@ConfigurationProperties("wenming.casework.workflow")
public record WorkflowProperties(@NotEmpty @DefaultValue({ "08:30-12:00", "14:00-17:30" }) List<String> workingHours,
		@NotEmpty @DefaultValue({ "0", "2", "5" }) List<@NotNull @Min(0) @Max(100) Integer> escalationSteps,
		@CronSchedule @DefaultValue("0 */10 * * * *") String escalationCron,
		@Min(1) @Max(5000) @DefaultValue("200") int duplicateRadiusMetres,
		@Min(1) @Max(365) @DefaultValue("30") int duplicateDays) {

	public WorkflowProperties {
		// fail fast with the setting's name rather than on the first due-time calculation
		try {
			workingHours.forEach(WorkingCalendar.Period::parse);
			new WorkingCalendar(java.util.Map.of(), workingHours.stream().map(WorkingCalendar.Period::parse).toList(),
					org.wenming.shared.CityTime.ZONE);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("wenming.casework.workflow.working-hours: " + ex.getMessage(), ex);
		}
		for (int i = 1; i < escalationSteps.size(); i++) {
			if (escalationSteps.get(i) <= escalationSteps.get(i - 1)) {
				throw new IllegalArgumentException("wenming.casework.workflow.escalation-steps must increase");
			}
		}
		if (escalationSteps.size() > 9) {
			throw new IllegalArgumentException("wenming.casework.workflow.escalation-steps: at most 9 levels");
		}
	}

	public List<WorkingCalendar.Period> periods() {
		return workingHours.stream().map(WorkingCalendar.Period::parse).toList();
	}
}
