package org.wenming.assessment.place.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.wenming.assessment.PlaceType;
import org.wenming.assessment.place.PlacePage;
import org.wenming.region.Region;

/** The staff list of places: the region listed, its breadcrumb and children to narrow by, the filters, one page. */
public record PlaceListView(Region region, List<Region> breadcrumb, List<Region> children, PlaceType type,
		String text, boolean inactive, PlacePage places) {

	public List<PlaceType> types() {
		return List.of(PlaceType.values());
	}

	public String textOrEmpty() {
		return text == null ? "" : text;
	}

	public String link(String regionCode, int page) {
		StringBuilder href = new StringBuilder("/admin/assessment/places?region=").append(regionCode);
		if (type != null) {
			href.append("&type=").append(type.name());
		}
		if (text != null) {
			href.append("&q=").append(URLEncoder.encode(text, StandardCharsets.UTF_8));
		}
		if (inactive) {
			href.append("&inactive=true");
		}
		if (page > 0) {
			href.append("&page=").append(page);
		}
		return href.toString();
	}

	public String pageLink(int page) {
		return link(region.code(), page);
	}
}
