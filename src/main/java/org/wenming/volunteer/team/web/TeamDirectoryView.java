package org.wenming.volunteer.team.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.wenming.region.Region;
import org.wenming.volunteer.team.TeamPage;
import org.wenming.volunteer.team.TeamType;

/** The team directory (public) or the staff list: where the visitor is, the filters and one page. */
public record TeamDirectoryView(String basePath, Region region, List<Region> breadcrumb, List<Region> children,
		TeamPage teams, TeamType type, String text) {

	public List<TeamType> types() {
		return List.of(TeamType.values());
	}

	public String regionLink(Region target) {
		return link(target.code(), 0);
	}

	public String pageLink(int page) {
		return link(region.code(), page);
	}

	private String link(String regionCode, int page) {
		StringBuilder link = new StringBuilder(basePath).append("?region=").append(regionCode);
		if (type != null) {
			link.append("&type=").append(type.name());
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
