package org.wenming.platform;

import java.util.List;
import java.util.Locale;

/**
 * Sections a module adds to another module's public page without that module depending on it: the team
 * page (volunteer module) and the site page (region module) ask every bean of this type and show what
 * they get, in {@code platform/sections.jte}. The honours module, for one, shows a team's and a site's
 * brand projects and awards. Only public, published facts belong here: the pages are open to everyone.
 */
public interface PageSections {

	/** Sections for a team's public page, in the reader's language; empty when there is nothing to show. */
	List<Section> forTeam(long teamId, Locale locale);

	/** Sections for a practice site's public page, in the reader's language; empty when there is nothing. */
	List<Section> forSite(long siteId, Locale locale);

	/**
	 * A section: a heading and its items.
	 *
	 * @param title the heading, already in the reader's language
	 */
	record Section(String title, List<Item> items) {

		public Section {
			items = List.copyOf(items);
		}
	}

	/**
	 * One item of a section.
	 *
	 * @param title the item's first line
	 * @param lines further lines (plain text, escaped when shown)
	 * @param link a local address the title links to, or null
	 */
	record Item(String title, List<String> lines, String link) {

		public Item {
			lines = List.copyOf(lines);
			if (link != null && !link.startsWith("/")) {
				throw new IllegalArgumentException("a section links only to a local address: " + link);
			}
		}
	}

	/** Every section the beans give for a team, in bean order (a failing provider is a failing page). */
	static List<Section> team(Iterable<PageSections> providers, long teamId, Locale locale) {
		List<Section> all = new java.util.ArrayList<>();
		providers.forEach(p -> all.addAll(p.forTeam(teamId, locale)));
		return List.copyOf(all);
	}

	/** Every section the beans give for a site, in bean order. */
	static List<Section> site(Iterable<PageSections> providers, long siteId, Locale locale) {
		List<Section> all = new java.util.ArrayList<>();
		providers.forEach(p -> all.addAll(p.forSite(siteId, locale)));
		return List.copyOf(all);
	}
}
