package org.wenming.region.web;

import java.util.List;

import org.wenming.region.Region;
import org.wenming.region.SitePage;

/** The staff list of sites: the region listed, the filters, and one page. */
public record AdminListView(Region region, DirectoryView links, SitePage sites) {

	public boolean hasSites() {
		return !sites.items().isEmpty();
	}

	public List<org.wenming.region.PracticeSite> items() {
		return sites.items();
	}
}
