package org.wenming.assessment.observation;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Observation settings ({@code wenming.assessment.observation.*}), checked at start.
 *
 * @param farAfter metres between the phone and the place beyond which an observation is flagged
 *        {@code far_from_place} (shown to staff, never refused)
 * @param maxPhotosPerPlace photos an inspection team may take at one sampled place
 * @param maxEntries criteria one submission may carry
 * @param directory folder of the photos in the local object store; none: {@code <data folder>/assessment}
 */
@Validated
@ConfigurationProperties("wenming.assessment.observation")
public record ObservationProperties(@DefaultValue("300") @Min(10) @Max(100_000) int farAfter,
		@DefaultValue("60") @Min(1) @Max(500) int maxPhotosPerPlace,
		@DefaultValue("300") @Min(1) @Max(2_000) int maxEntries, Path directory) {
}
