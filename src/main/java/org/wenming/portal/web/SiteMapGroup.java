package org.wenming.portal.web;

import java.util.List;

/**
 * A group of the site map for people ({@code /sitemap}): the message key of its heading and its links.
 */
public record SiteMapGroup(String key, List<Link> links) {

	/** A link: where, and the message key of its name. */
	public record Link(String href, String key) {
	}
}
