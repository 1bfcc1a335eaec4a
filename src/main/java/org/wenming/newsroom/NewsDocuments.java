package org.wenming.newsroom;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jsoup.Jsoup;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.platform.search.Documents;
import org.wenming.platform.search.PublicDocument;
import org.wenming.platform.search.PublicDocuments;
import org.wenming.platform.search.SearchKind;

/**
 * The published articles for the search over everything public: title, subtitle, lead, the body's text and the
 * tags. {@link Articles} tells the index when an article is published, corrected or withdrawn.
 */
@Component
class NewsDocuments implements PublicDocuments {

	private final JdbcClient jdbc;

	NewsDocuments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public SearchKind kind() {
		return SearchKind.NEWS;
	}

	@Override
	public Set<String> visible(Collection<String> refs) {
		return new HashSet<>(jdbc.sql("select id::text from news_article where id = any(:ids) and status = 'PUBLISHED'")
			.param("ids", Documents.ids(refs)).query(String.class).list());
	}

	@Override
	public List<PublicDocument> page(String after, int size) {
		return jdbc.sql("""
				select id, number, title, coalesce(subtitle, '') as subtitle, coalesce(lead, '') as lead, body_html,
				    array_to_string(tags, ' ') as tags, region_path, published_at
				from news_article where id > :after and status = 'PUBLISHED' order by id limit :size""")
			.param("after", Documents.after(after)).param("size", size)
			.query((rs, i) -> document(rs.getLong("id"), rs.getString("number"), rs.getString("title"),
					rs.getString("subtitle"), rs.getString("lead"), rs.getString("body_html"), rs.getString("tags"),
					rs.getString("region_path"), Documents.instant(rs.getTimestamp("published_at"))))
			.list();
	}

	static PublicDocument document(Article a) {
		return document(a.id(), a.number(), a.title(), a.subtitle(), a.lead(), a.bodyHtml(), String.join(" ", a.tags()),
				a.regionPath(), a.publishedAt());
	}

	private static PublicDocument document(long id, String number, String title, String subtitle, String lead,
			String bodyHtml, String tags, String regionPath, Instant publishedAt) {
		String lines = (subtitle == null ? "" : subtitle) + "\n" + (lead == null ? "" : lead);
		return new PublicDocument(SearchKind.NEWS, String.valueOf(id), regionPath, title,
				Documents.summary(lead == null || lead.isBlank() ? subtitle : lead), "/news/" + number,
				lines + "\n" + Jsoup.parse(bodyHtml).text() + "\n" + tags, publishedAt);
	}
}
