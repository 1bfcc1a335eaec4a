package org.wenming.servicedesk.web;

import java.util.List;

import org.wenming.region.Region;
import org.wenming.servicedesk.menu.SiteOffer;

/** The sites in a staff member's scope with their menus. */
public record MenuListView(Region region, List<SiteOffer> sites, int limit, String done) {
}
