package org.wenming.activity;

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
 * The listed activities that were published (under way and finished ones too: their pages stay public), for the
 * search over everything public; drafts, cancelled and unlisted ones (a service order's shift) are not.
 */
@Component
class ActivityDocuments implements PublicDocuments {

	private static final String PUBLIC = "listed and status in ('PUBLISHED', 'UNDER_WAY', 'FINISHED')";

	private final JdbcClient jdbc;

	ActivityDocuments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public SearchKind kind() {
		return SearchKind.ACTIVITY;
	}

	@Override
	public Set<String> visible(Collection<String> refs) {
		return new HashSet<>(jdbc.sql("select id::text from activity where id = any(:ids) and " + PUBLIC)
			.param("ids", Documents.ids(refs)).query(String.class).list());
	}

	@Override
	public List<PublicDocument> page(String after, int size) {
		return jdbc.sql("""
				select id, title, description, coalesce(address, '') as address, region_path, starts_at from activity
				where id > :after and %s order by id limit :size""".formatted(PUBLIC))
			.param("after", Documents.after(after)).param("size", size)
			.query((rs, i) -> new PublicDocument(SearchKind.ACTIVITY, rs.getString("id"), rs.getString("region_path"),
					rs.getString("title"), Documents.summary(rs.getString("description")), "/activities/" + rs.getLong("id"),
					rs.getString("description") + "\n" + rs.getString("address"), Documents.instant(rs.getTimestamp("starts_at"))))
			.list();
	}
}
