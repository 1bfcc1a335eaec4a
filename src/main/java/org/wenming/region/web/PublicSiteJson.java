package org.wenming.region.web;

import java.math.BigDecimal;
import java.util.List;

import org.wenming.region.PracticeSite;

/** A site as anyone may see it: no contact person, no bookkeeping. */
record PublicSiteJson(long id, String name, String kind, String regionCode, boolean demonstration, String address,
		String openingHours, String contactPhone, BigDecimal latitude, BigDecimal longitude, String description,
		List<RegionJson> region) {

	static PublicSiteJson of(PracticeSite site, List<RegionJson> breadcrumb) {
		return new PublicSiteJson(site.id(), site.name(), site.kind().name(), site.regionCode(), site.demonstration(),
				site.address(), site.openingHours(), site.contactPhone(), site.latitude(), site.longitude(),
				site.description(), breadcrumb);
	}
}
