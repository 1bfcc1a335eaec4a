package org.wenming.servicedesk.web;

import java.util.List;

import org.wenming.region.Region;
import org.wenming.region.RegionChoice;
import org.wenming.servicedesk.menu.SiteOffer;

/**
 * The public service page: the village picked (null before one is) and what its station, institute and
 * centre offer.
 *
 * @param tooHigh a region was picked, but above a village's county (pick further down)
 */
public record ServiceView(Region region, RegionChoice choice, List<SiteOffer> offers, boolean tooHigh) {

	public int itemCount() {
		return offers.stream().mapToInt(o -> o.items().size()).sum();
	}
}
