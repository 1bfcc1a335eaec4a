package org.wenming.region;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A practice site (新时代文明实践阵地) as stored.
 *
 * @param contactName the person to ask for; staff-only (a person's name is personal information)
 * @param contactPhone the site's public phone
 * @param generated set up by the network generator rather than by hand
 * @param version optimistic-locking version: an update names the version it was based on
 */
public record PracticeSite(long id, String regionCode, String regionPath, SiteKind kind, String name,
		boolean demonstration, String address, String openingHours, String contactName, String contactPhone,
		BigDecimal latitude, BigDecimal longitude, String description, boolean generated, OffsetDateTime createdAt,
		OffsetDateTime updatedAt, String updatedBy, int version) {
}
