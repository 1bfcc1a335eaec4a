package org.wenming.activity.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.wenming.activity.ActivityPage;
import org.wenming.activity.ActivityType;
import org.wenming.region.Region;
import org.wenming.region.RegionChoice;

/** The public activity list page. */
public record DirectoryView(ActivityFilters filters, ActivityPage activities, RegionChoice choice,
		List<Region> breadcrumb, List<Region> children) {

	public ActivityType[] types() {
		return ActivityType.values();
	}

	public String text(Object value) {
		return value == null ? "" : String.valueOf(value);
	}

	public String distance(Double km) {
		return km == null ? "" : String.format(java.util.Locale.ROOT, "%.1f", km);
	}

	/** The same filters in another region or on another page. */
	public String link(String regionCode, int page) {
		StringBuilder link = new StringBuilder("/activities?region=").append(regionCode);
		add(link, "from", filters.from());
		add(link, "to", filters.to());
		add(link, "type", filters.type() == null ? null : filters.type().name());
		add(link, "lat", filters.lat());
		add(link, "lng", filters.lng());
		add(link, "radius", filters.radius());
		if (page > 0) {
			link.append("&page=").append(page);
		}
		return link.toString();
	}

	public String pageLink(int page) {
		return link(filters.region().code(), page);
	}

	private static void add(StringBuilder link, String name, Object value) {
		if (value != null) {
			link.append('&').append(name).append('=').append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
		}
	}
}
