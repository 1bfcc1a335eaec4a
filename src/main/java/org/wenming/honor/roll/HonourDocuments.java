package org.wenming.honor.roll;

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
 * The roll's entries for the search over everything public, from {@code honor_public_entry} only (consent given):
 * a withdrawal makes {@link #visible} drop the entry from the next search answer on, and the event told by
 * {@link #tellNomination} takes it out of the index. The roll ({@link Roll}: an entry published) and the consents
 * (given, withdrawn, superseded by an edit of a public field) tell the search in their transaction; the event
 * carries the document the refill ({@link #page}) would make, read back after the write.
 */
@Component
public class HonourDocuments implements PublicDocuments {

	private static final String SELECT = """
			select id, nominee_name, coalesce(title, '') as title, coalesce(story, '') as story, region_path, published_at
			from honor_public_entry
			""";

	private static final RowMapper<PublicDocument> DOCUMENT = (rs, i) -> new PublicDocument(SearchKind.HONOUR,
			rs.getString("id"), rs.getString("region_path"), rs.getString("nominee_name"),
			Documents.summary(rs.getString("title")), "/honor/entries/" + rs.getLong("id"), rs.getString("story"),
			Documents.instant(rs.getTimestamp("published_at")));

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	HonourDocuments(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
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
		return jdbc.sql(SELECT + "where id > :after order by id limit :size")
			.param("after", Documents.after(after)).param("size", size).query(DOCUMENT).list();
	}

	/** The roll entry as the search shows it, or empty when the public may not see it (no consent given). */
	Optional<PublicDocument> document(long entryId) {
		return jdbc.sql(SELECT + "where id = :id").param("id", entryId).query(DOCUMENT).optional();
	}

	/**
	 * Tells the search index what the public sees of a roll entry now: its document, or that it is gone. Called in
	 * the writer's transaction, after the write.
	 */
	void tell(long entryId) {
		Documents.tell(events, SearchKind.HONOUR, entryId, document(entryId));
	}

	/**
	 * Tells the search index about every roll entry of a nomination (its consent given, withdrawn or superseded):
	 * nothing for a nomination not on the roll. Called in the writer's transaction, after the write.
	 */
	public void tellNomination(long nominationId) {
		jdbc.sql("select id from honor_roll_entry where nomination_id = :n order by id").param("n", nominationId)
			.query(Long.class).list().forEach(this::tell);
	}
}
