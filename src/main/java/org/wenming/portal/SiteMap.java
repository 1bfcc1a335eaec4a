package org.wenming.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The site map for crawlers (sitemaps.org): the fixed public pages and every public document of the search index,
 * in pages of at most {@code wenming.portal.sitemap-page-size} addresses (50,000 by the protocol), named by a
 * sitemap index. Each page is written row by row as the database sends it (one page's rows at most, never the
 * whole index), by the primary key's order so that page {@code n} is the same rows until the index changes.
 * {@code lastmod} is the publication (news, honours, services); none for a document without one or dated ahead
 * (an activity is dated by its start).
 */
@Service
public class SiteMap {

	/** The public pages that are no document of the index, in the order a crawler should meet them. */
	public static final List<String> FIXED = List.of("/", "/news", "/activities", "/services", "/service", "/sites",
			"/teams", "/honor", "/honor/notice", "/honor/brands", "/dashboard", "/casework/rankings", "/cases/report",
			"/volunteers/register", "/certificates", "/search", "/sitemap");

	private final JdbcClient jdbc;

	private final PortalProperties properties;

	SiteMap(JdbcClient jdbc, PortalProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** How many pages the index names: at least one (the fixed pages). */
	public int pages() {
		long documents = jdbc.sql("select count(*) from search_document").query(Long.class).single();
		long size = properties.sitemapPageSize();
		return (int) Math.max(1, (FIXED.size() + documents + size - 1) / size);
	}

	/** The sitemap index naming every page, {@code base} being the site's address without a trailing slash. */
	public void writeIndex(String base, Writer out) throws IOException {
		int pages = pages();
		out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		out.write("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
		for (int page = 1; page <= pages; page++) {
			out.write("<sitemap><loc>" + escape(base + "/sitemap-" + page + ".xml") + "</loc></sitemap>\n");
		}
		out.write("</sitemapindex>\n");
	}

	/**
	 * Page {@code page} (from 1): on the first, the fixed pages, then the index's documents by kind and ref.
	 *
	 * @return false when there is no such page (nothing written)
	 */
	public boolean writePage(int page, String base, Writer out) throws IOException {
		if (page < 1 || page > pages()) {
			return false;
		}
		long size = properties.sitemapPageSize();
		long first = (page - 1) * size;
		out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		out.write("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
		long fixedShown = 0;
		for (long i = first; i < Math.min(FIXED.size(), first + size); i++) {
			out.write("<url><loc>" + escape(base + FIXED.get((int) i)) + "</loc></url>\n");
			fixedShown++;
		}
		long offset = Math.max(0, first - FIXED.size());
		long limit = size - fixedShown;
		if (limit > 0) {
			jdbc.sql("""
					select url, case when published_at <= now() then published_at end as lastmod from search_document
					order by kind, ref limit :limit offset :offset""")
				.param("limit", limit).param("offset", offset)
				.query(rs -> {
					String url = rs.getString("url");
					if (url == null || !url.startsWith("/")) {
						return;
					}
					Timestamp lastmod = rs.getTimestamp("lastmod");
					try {
						out.write("<url><loc>" + escape(base + url) + "</loc>"
								+ (lastmod == null ? "" : "<lastmod>" + day(lastmod.toInstant()) + "</lastmod>")
								+ "</url>\n");
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
		}
		out.write("</urlset>\n");
		return true;
	}

	private static String day(Instant instant) {
		return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(java.time.ZoneOffset.UTC).withNano(0));
	}

	static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (char c : text.toCharArray()) {
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&apos;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}
}
