package org.wenming.region.web;

import java.util.List;

import org.wenming.region.PracticeSite;
import org.wenming.region.Region;

/** A site page: the site and where it sits in the region tree. */
public record SiteView(PracticeSite site, List<Region> breadcrumb) {

	public boolean hasCoordinates() {
		return site.latitude() != null && site.longitude() != null;
	}
}
