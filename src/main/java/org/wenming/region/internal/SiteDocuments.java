package org.wenming.region.internal;

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

/** The practice sites (every one has a public page) for the search over everything public. */
@Component
class SiteDocuments implements PublicDocuments {

	private final JdbcClient jdbc;

	SiteDocuments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public SearchKind kind() {
		return SearchKind.SITE;
	}

	@Override
	public Set<String> visible(Collection<String> refs) {
		return new HashSet<>(jdbc.sql("select id::text from practice_site where id = any(:ids)")
			.param("ids", Documents.ids(refs)).query(String.class).list());
	}

	@Override
	public List<PublicDocument> page(String after, int size) {
		return jdbc.sql("""
				select id, name, coalesce(address, '') as address, region_path from practice_site
				where id > :after order by id limit :size""")
			.param("after", Documents.after(after)).param("size", size)
			.query((rs, i) -> new PublicDocument(SearchKind.SITE, rs.getString("id"), rs.getString("region_path"),
					rs.getString("name"), rs.getString("address"), "/sites/" + rs.getLong("id"), rs.getString("address"),
					null))
			.list();
	}
}
