package org.wenming.region.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.platform.search.Documents;
import org.wenming.platform.search.PublicDocument;
import org.wenming.platform.search.PublicDocuments;
import org.wenming.platform.search.SearchKind;

/**
 * The practice sites (every one has a public page) for the search over everything public. The sites' write paths
 * ({@code PracticeSites}) call {@link #tell} in their transaction: the event carries the document the refill
 * ({@link #page}) would make, read back after the write. The generated network (at start, and in the demo city)
 * is a bulk insert: the first fill and the refill after the demo city cover it.
 */
@Component
public class SiteDocuments implements PublicDocuments {

	private static final String SELECT = """
			select id, name, coalesce(address, '') as address, region_path from practice_site
			""";

	private static final RowMapper<PublicDocument> DOCUMENT = (rs, i) -> new PublicDocument(SearchKind.SITE,
			rs.getString("id"), rs.getString("region_path"), rs.getString("name"), rs.getString("address"),
			"/sites/" + rs.getLong("id"), rs.getString("address"), null);

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	SiteDocuments(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
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
		return jdbc.sql(SELECT + "where id > :after order by id limit :size")
			.param("after", Documents.after(after)).param("size", size).query(DOCUMENT).list();
	}

	/** The site as the search shows it, or empty when there is no such site. */
	public Optional<PublicDocument> document(long id) {
		return jdbc.sql(SELECT + "where id = :id").param("id", id).query(DOCUMENT).optional();
	}

	/**
	 * Tells the search index what the public sees of the site now: its document, or that it is gone. Called in the
	 * writer's transaction, after the write, so the index hears of it once the change is committed.
	 */
	public void tell(long id) {
		Documents.tell(events, SearchKind.SITE, id, document(id));
	}
}
