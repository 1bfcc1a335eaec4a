package org.wenming.servicedesk.statistics.web;

import org.wenming.platform.InvalidInputException;

/**
 * How many site lines the page and the JSON show. A city has some 1,600 practice sites: listing every one
 * made the city's figures a 600 KB answer and a page nobody reads to its end. They show the sites with the
 * most orders first and say how many there are; the XLSX download and {@code sites=all} give them all.
 */
final class SiteLines {

	static final int DEFAULT = 100;

	private SiteLines() {
	}

	/** {@code null} → {@value #DEFAULT}; {@code all} → every line; else a number from 1 to 10,000. */
	static int limit(String sites) {
		if (sites == null || sites.isBlank()) {
			return DEFAULT;
		}
		if ("all".equals(sites)) {
			return Integer.MAX_VALUE;
		}
		if (sites.matches("\\d{1,5}")) {
			int n = Integer.parseInt(sites);
			if (n >= 1 && n <= 10_000) {
				return n;
			}
		}
		throw new InvalidInputException("sites", "servicedesk.statistics.error.sites");
	}

}
