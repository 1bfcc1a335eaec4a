package org.wenming.region.web;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.wenming.region.PracticeSite;

/** A site as the staff responsible for it see it, with the version an edit must name. */
record StaffSiteJson(long id, String name, String kind, String regionCode, boolean demonstration, String address,
		String openingHours, String contactName, String contactPhone, BigDecimal latitude, BigDecimal longitude,
		String description, boolean generated, OffsetDateTime createdAt, OffsetDateTime updatedAt, String updatedBy,
		int version) {

	static StaffSiteJson of(PracticeSite site) {
		return new StaffSiteJson(site.id(), site.name(), site.kind().name(), site.regionCode(), site.demonstration(),
				site.address(), site.openingHours(), site.contactName(), site.contactPhone(), site.latitude(),
				site.longitude(), site.description(), site.generated(), site.createdAt(), site.updatedAt(),
				site.updatedBy(), site.version());
	}
}
