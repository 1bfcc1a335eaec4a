package org.wenming.assessment.observation;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.wenming.platform.CronSchedule;

/**
 * Observation settings ({@code wenming.assessment.observation.*}), checked at start.
 *
 * @param farAfter metres between the phone and the place beyond which an observation is flagged
 *        {@code far_from_place} (shown to staff, never refused)
 * @param maxPhotosPerPlace photos an inspection team may take at one sampled place
 * @param maxEntries criteria one submission may carry
 * @param directory folder of the photos in the local object store; none: {@code <data folder>/assessment}
 * @param submissionRetention how long the phones' idempotency keys and answers are kept once their round
 *        is no longer open (while it is open they are all kept: a late replay must not undo a later edit)
 * @param submissionPurgeCron when older keys are deleted (Spring cron, Asia/Shanghai; "-": never)
 */
@Validated
@ConfigurationProperties("wenming.assessment.observation")
public record ObservationProperties(@DefaultValue("300") @Min(10) @Max(100_000) int farAfter,
		@DefaultValue("60") @Min(1) @Max(500) int maxPhotosPerPlace,
		@DefaultValue("300") @Min(1) @Max(2_000) int maxEntries, Path directory,
		@DefaultValue("90d") Duration submissionRetention,
		@CronSchedule @DefaultValue("0 37 3 * * *") String submissionPurgeCron) {

	public ObservationProperties {
		if (submissionRetention.compareTo(Duration.ofDays(1)) < 0) {
			throw new IllegalArgumentException(
					"wenming.assessment.observation.submission-retention must be at least 1d, not " + submissionRetention);
		}
	}
}
