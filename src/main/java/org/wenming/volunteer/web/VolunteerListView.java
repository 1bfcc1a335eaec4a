package org.wenming.volunteer.web;

import java.util.List;

import org.springframework.web.util.UriComponentsBuilder;
import org.wenming.volunteer.Skill;
import org.wenming.volunteer.VolunteerPage;
import org.wenming.volunteer.VolunteerQuery;

/** The staff list: the search as entered, the page found and links to other pages. */
public record VolunteerListView(VolunteerQuery query, VolunteerPage found, List<Skill> skills, boolean mayRegister,
		boolean mayReveal) {

	public String value(String text) {
		return text == null ? "" : text;
	}

	public boolean skillSelected(String code) {
		return code.equals(query.skill());
	}

	public boolean sortSelected(VolunteerQuery.Sort sort) {
		return sort == query.sort();
	}

	public List<VolunteerQuery.Sort> sorts() {
		return List.of(VolunteerQuery.Sort.values());
	}

	/** The same search on another page; values are URL-encoded by the builder. */
	public String pageLink(int page) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath("/admin/volunteers");
		add(link, "q", query.text());
		add(link, "number", query.number());
		add(link, "phone4", query.phoneLast4());
		add(link, "skill", query.skill());
		add(link, "region", query.regionCode());
		add(link, "team", query.teamId() == null ? null : String.valueOf(query.teamId()));
		add(link, "status", query.status() == null ? null : query.status().name());
		link.queryParam("sort", query.sort().name()).queryParam("page", page);
		return link.encode().build().toUriString();
	}

	/** The export of what this search finds ({@code csv} or {@code xlsx}), with the same filters. */
	public String exportLink(String extension) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath("/admin/volunteers/export." + extension);
		add(link, "q", query.text());
		add(link, "number", query.number());
		add(link, "phone4", query.phoneLast4());
		add(link, "skill", query.skill());
		add(link, "region", query.regionCode());
		add(link, "team", query.teamId() == null ? null : String.valueOf(query.teamId()));
		add(link, "status", query.status() == null ? null : query.status().name());
		return link.encode().build().toUriString();
	}

	private static void add(UriComponentsBuilder link, String name, String value) {
		if (value != null) {
			link.queryParam(name, value);
		}
	}
}
