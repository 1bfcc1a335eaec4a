package org.wenming.commendation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Commendations ({@code wenming.commendation.*}); checked at start.
 *
 * @param documentMaxBytes the largest commendation document (a PDF) accepted, in bytes (10 KB .. 50 MB)
 */
@Validated
@ConfigurationProperties("wenming.commendation")
public record CommendationProperties(@Min(10_240) @Max(52_428_800) @DefaultValue("10485760") int documentMaxBytes) {
}
