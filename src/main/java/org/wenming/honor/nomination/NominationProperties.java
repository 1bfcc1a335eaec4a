package org.wenming.honor.nomination;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Nominations ({@code wenming.honor.nomination.*}); checked at start.
 *
 * @param perClient nominations one signed-in person may submit in a window (1..1000); staff entering on
 *        someone's behalf are not counted
 * @param window the period they are counted in (1m..30d)
 * @param maxEvidence evidence files (photos and PDF documents) one nomination may carry (1..50)
 * @param maxDocumentBytes the largest PDF document accepted, in bytes (64 KB..50 MB)
 */
@Validated
@ConfigurationProperties("wenming.honor.nomination")
public record NominationProperties(@Min(1) @Max(1000) @DefaultValue("5") int perClient,
		@NotNull @DurationMin(minutes = 1) @DurationMax(days = 30) @DefaultValue("1d") Duration window,
		@Min(1) @Max(50) @DefaultValue("10") int maxEvidence,
		@Min(65536) @Max(52428800) @DefaultValue("10485760") int maxDocumentBytes) {
}
