package org.wenming.activity;

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
 * The listed activities that were published (under way and finished ones too: their pages stay public), for the
 * search over everything public; drafts, cancelled and unlisted ones (a service order's shift) are not.
 * {@link Activities} calls {@link #tell} from its write paths, in their transaction: the event carries the
 * document the refill ({@link #page}) would make, read back after the write.
 */
@Component
class ActivityDocuments implements PublicDocuments {

	private static final String PUBLIC = "listed and status in ('PUBLISHED', 'UNDER_WAY', 'FINISHED')";

	private static final String SELECT = """
			select id, title, description, coalesce(address, '') as address, region_path, starts_at from activity
			""";

	private static final RowMapper<PublicDocument> DOCUMENT = (rs, i) -> new PublicDocument(SearchKind.ACTIVITY,
			rs.getString("id"), rs.getString("region_path"), rs.getString("title"),
			Documents.summary(rs.getString("description")), "/activities/" + rs.getLong("id"),
			rs.getString("description") + "\n" + rs.getString("address"), Documents.instant(rs.getTimestamp("starts_at")));

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	ActivityDocuments(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
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
		return jdbc.sql(SELECT + "where id > :after and " + PUBLIC + " order by id limit :size")
			.param("after", Documents.after(after)).param("size", size).query(DOCUMENT).list();
	}

	/** The activity as the search shows it, or empty when the public may not see it (a draft, cancelled, unlisted). */
	Optional<PublicDocument> document(long id) {
		return jdbc.sql(SELECT + "where id = :id and " + PUBLIC).param("id", id).query(DOCUMENT).optional();
	}

	/**
	 * Tells the search index what the public sees of the activity now: its document, or that it is gone. Called in
	 * the writer's transaction, after the write, so the index hears of it once the change is committed.
	 */
	void tell(long id) {
		Documents.tell(events, SearchKind.ACTIVITY, id, document(id));
	}
}
