package org.wenming.complaint;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.wenming.platform.CronSchedule;

/**
 * Complaint retention ({@code wenming.complaint.*}), checked at start: a bad value stops the start with a
 * message naming the property. A complaint is kept while open; once decided it is deleted (with its steps and
 * the volunteer's response) after the retention of its outcome.
 *
 * @param dismissedRetention how long a dismissed complaint is kept after its decision (30 days to 10 years)
 * @param upheldRetention how long an upheld complaint is kept after its decision (at least the dismissed
 *     retention, at most 30 years)
 * @param purgeCron when expired complaints are deleted (Spring cron, Asia/Shanghai; "-": never)
 */
@Validated
@ConfigurationProperties("wenming.complaint")
public record ComplaintProperties(@DefaultValue("183d") Duration dismissedRetention,
		@DefaultValue("1827d") Duration upheldRetention, @CronSchedule @DefaultValue("0 41 3 * * *") String purgeCron) {

	public ComplaintProperties {
		if (dismissedRetention.compareTo(Duration.ofDays(30)) < 0 || dismissedRetention.compareTo(Duration.ofDays(3653)) > 0) {
			throw new IllegalArgumentException("wenming.complaint.dismissed-retention must be between 30d and 3653d, not "
					+ dismissedRetention);
		}
		if (upheldRetention.compareTo(dismissedRetention) < 0 || upheldRetention.compareTo(Duration.ofDays(10958)) > 0) {
			throw new IllegalArgumentException("wenming.complaint.upheld-retention must be between the dismissed retention ("
					+ dismissedRetention + ") and 10958d, not " + upheldRetention);
		}
	}
}
