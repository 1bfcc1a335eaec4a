package org.wenming.servicedesk.menu;

import java.util.List;

/**
 * A practice site with the active items of its menu, as the public see it.
 *
 * @param kind the site's kind (CENTRE, INSTITUTE, STATION, POINT, BASE)
 */
public record SiteOffer(long siteId, String siteName, String kind, String regionCode, String regionPath,
		List<MenuItem> items) {

	/** Message key of the site's kind (the region module's bundle). */
	public String kindKey() {
		return "site.kind." + kind;
	}
}
