package org.wenming.volunteer.team;

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
 * The active teams (each has a public page) for the search over everything public; never a contact.
 * {@link Teams} calls {@link #tell} from its write paths (create, edit, dissolve), in their transaction: the event
 * carries the document the refill ({@link #page}) would make, read back after the write.
 */
@Component
class TeamDocuments implements PublicDocuments {

	private static final String SELECT = """
			select id, name, coalesce(description, '') as description, region_path, created_at from team
			""";

	private static final RowMapper<PublicDocument> DOCUMENT = (rs, i) -> new PublicDocument(SearchKind.TEAM,
			rs.getString("id"), rs.getString("region_path"), rs.getString("name"),
			Documents.summary(rs.getString("description")), "/teams/" + rs.getLong("id"), rs.getString("description"),
			Documents.instant(rs.getTimestamp("created_at")));

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	TeamDocuments(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
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
		return jdbc.sql(SELECT + "where id > :after and status = 'ACTIVE' order by id limit :size")
			.param("after", Documents.after(after)).param("size", size).query(DOCUMENT).list();
	}

	/** The team as the search shows it, or empty when the public may not see it (dissolved, or no such team). */
	Optional<PublicDocument> document(long id) {
		return jdbc.sql(SELECT + "where id = :id and status = 'ACTIVE'").param("id", id).query(DOCUMENT).optional();
	}

	/**
	 * Tells the search index what the public sees of the team now: its document, or that it is gone. Called in the
	 * writer's transaction, after the write, so the index hears of it once the change is committed.
	 */
	void tell(long id) {
		Documents.tell(events, SearchKind.TEAM, id, document(id));
	}
}
