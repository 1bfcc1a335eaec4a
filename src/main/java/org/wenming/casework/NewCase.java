package org.wenming.casework;

import java.math.BigDecimal;

import org.wenming.volunteer.ContactSeal.SealedContact;

/**
 * A problem as reported, from any source. Either a region (village or community, or any region
 * inside the city) or a position must be given; a position alone is placed in the region of the
 * nearest practice site that has coordinates, or in the city.
 *
 * @param reporterUserId the reporting account, or null (a citizen without one, the hotline)
 * @param reporterName optional, as the reporter gave it
 * @param reporterContact optional sealed phone number
 * @param apiKeyId the Open311 key a request came with, or null
 */
public record NewCase(CaseSource source, String categoryCode, String description, String address,
		BigDecimal latitude, BigDecimal longitude, String regionCode, Long reporterUserId, String reporterName,
		SealedContact reporterContact, Long apiKeyId) {
}
