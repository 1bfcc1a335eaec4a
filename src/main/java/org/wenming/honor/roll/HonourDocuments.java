package org.wenming.honor.roll;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.platform.search.Documents;
import org.wenming.platform.search.PublicDocument;
import org.wenming.platform.search.PublicDocuments;
import org.wenming.platform.search.SearchKind;

/**
 * The roll's entries for the search over everything public, from {@code honor_public_entry} only (consent given):
 * a withdrawal makes {@link #visible} drop the entry from the next search answer on.
 */
@Component
class HonourDocuments implements PublicDocuments {

	private final JdbcClient jdbc;

	HonourDocuments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public SearchKind kind() {
		return SearchKind.HONOUR;
	}

	@Override
	public Set<String> visible(Collection<String> refs) {
		return new HashSet<>(jdbc.sql("select id::text from honor_public_entry where id = any(:ids)")
			.param("ids", Documents.ids(refs)).query(String.class).list());
	}

	@Override
	public List<PublicDocument> page(String after, int size) {
		return jdbc.sql("""
				select id, nominee_name, coalesce(title, '') as title, coalesce(story, '') as story, region_path, published_at
				from honor_public_entry
				where id > :after order by id limit :size""")
			.param("after", Documents.after(after)).param("size", size)
			.query((rs, i) -> new PublicDocument(SearchKind.HONOUR, rs.getString("id"), rs.getString("region_path"),
					rs.getString("nominee_name"), Documents.summary(rs.getString("title")), "/honor/entries/" + rs.getLong("id"),
					rs.getString("story"), Documents.instant(rs.getTimestamp("published_at"))))
			.list();
	}
}
