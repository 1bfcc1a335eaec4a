package org.wenming.portal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.wenming.platform.CronSchedule;

/**
 * The portal's settings ({@code wenming.portal.*}); checked at start.
 *
 * @param rebuildCron when the search index is refilled from every module (city time; default 03:40 nightly)
 * @param perKind results of each kind on the grouped search page (1..20)
 * @param maxQueryLength the longest query searched, in characters; a longer one is refused (2..200)
 * @param sitemapPageSize addresses on one page of {@code /sitemap.xml}'s pages (1..50,000, the protocol's limit)
 */
@Validated
@ConfigurationProperties("wenming.portal")
public record PortalProperties(@CronSchedule @DefaultValue("0 40 3 * * *") String rebuildCron,
		@Min(1) @Max(20) @DefaultValue("5") int perKind,
		@Min(2) @Max(200) @DefaultValue("60") int maxQueryLength,
		@Min(1) @Max(50_000) @DefaultValue("50000") int sitemapPageSize) {
}
