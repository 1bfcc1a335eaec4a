package org.wenming.region.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.wenming.region.Region;
import org.wenming.region.RegionSiteCount;
import org.wenming.region.SiteKind;
import org.wenming.region.SitePage;

/**
 * What the site directory page shows: where the visitor is, the regions below with their counts,
 * and a page of sites, with links that keep the filters.
 */
public record DirectoryView(String basePath, Region region, List<Region> breadcrumb, List<RegionSiteCount> children,
		SitePage sites, SiteKind kind, boolean demonstrationOnly, String text) {

	public List<SiteKind> kinds() {
		return List.of(SiteKind.values());
	}

	public String regionLink(Region target) {
		return link(target.code(), 0);
	}

	public String pageLink(int page) {
		return link(region.code(), page);
	}

	private String link(String regionCode, int page) {
		StringBuilder link = new StringBuilder(basePath).append("?region=").append(regionCode);
		if (kind != null) {
			link.append("&kind=").append(kind.name());
		}
		if (demonstrationOnly) {
			link.append("&demonstration=true");
		}
		if (text != null) {
			link.append("&q=").append(URLEncoder.encode(text, StandardCharsets.UTF_8));
		}
		if (page > 0) {
			link.append("&page=").append(page);
		}
		return link.toString();
	}

	public String textOrEmpty() {
		return text == null ? "" : text;
	}
}
