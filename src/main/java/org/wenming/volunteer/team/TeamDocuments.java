package org.wenming.volunteer.team;

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

/** The active teams (each has a public page) for the search over everything public; never a contact. */
@Component
class TeamDocuments implements PublicDocuments {

	private final JdbcClient jdbc;

	TeamDocuments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public SearchKind kind() {
		return SearchKind.TEAM;
	}

	@Override
	public Set<String> visible(Collection<String> refs) {
		return new HashSet<>(jdbc.sql("select id::text from team where id = any(:ids) and status = 'ACTIVE'")
			.param("ids", Documents.ids(refs)).query(String.class).list());
	}

	@Override
	public List<PublicDocument> page(String after, int size) {
		return jdbc.sql("""
				select id, name, coalesce(description, '') as description, region_path, created_at from team
				where id > :after and status = 'ACTIVE' order by id limit :size""")
			.param("after", Documents.after(after)).param("size", size)
			.query((rs, i) -> new PublicDocument(SearchKind.TEAM, rs.getString("id"), rs.getString("region_path"),
					rs.getString("name"), Documents.summary(rs.getString("description")), "/teams/" + rs.getLong("id"),
					rs.getString("description"), Documents.instant(rs.getTimestamp("created_at"))))
			.list();
	}
}
