package org.wenming.honor.brand;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Brand projects and awards ({@code wenming.honor.brand.*}); checked at start.
 *
 * @param documentMaxBytes the largest award document (a PDF) accepted, in bytes (10 KB .. 50 MB)
 */
@Validated
@ConfigurationProperties("wenming.honor.brand")
public record BrandProperties(@Min(10_240) @Max(52_428_800) @DefaultValue("10485760") int documentMaxBytes) {
}
