package org.wenming.servicedesk.statistics;

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
 * The reports each node keeps ({@code wenming.servicedesk.statistics.*}); checked at start. A kept report
 * is answered only while the statistics' version in the database is the one it was counted at, so its
 * figures are always exact; the names in it (sites, counties) may be up to {@code namesFor} old.
 *
 * @param keptReports reports kept per node, by region, period, language and lines (0 keeps none; 0..100000)
 * @param namesFor how long a kept report may be answered at most, for the names of renamed sites (1s..1h)
 */
@Validated
@ConfigurationProperties("wenming.servicedesk.statistics")
public record StatisticsProperties(@Min(0) @Max(100_000) @DefaultValue("1000") int keptReports,
		@NotNull @DurationMin(seconds = 1) @DurationMax(hours = 1) @DefaultValue("60s") Duration namesFor) {
}
