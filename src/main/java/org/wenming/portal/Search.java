package org.wenming.portal;

import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.search.PublicDocuments;
import org.wenming.platform.search.SearchKind;
import org.wenming.platform.search.SearchTokens;

/**
 * One search box over everything public, results grouped by kind. A query's tokens
 * ({@link SearchTokens#query}) must all be in a document's; a document whose title holds them comes first, then
 * the newest. Every answered hit is asked of its owner ({@link PublicDocuments#visible}) so that a withdrawn
 * article or an honour whose consent was withdrawn never shows, even before its event reached the index.
 */
@Service
@EnableConfigurationProperties(PortalProperties.class)
public class Search {

	/** A result: its kind, the owner's ref, where it is shown, its lines. */
	public record Hit(SearchKind kind, String ref, String title, String summary, String url) {
	}

	/** The results of one kind: the first few, and how many match in all (before the visibility check). */
	public record Group(SearchKind kind, List<Hit> hits, long matches) {
	}

	/** A grouped answer: the groups with any match, in the order of {@link SearchKind}. */
	public record Results(String query, List<Group> groups) {

		public boolean empty() {
			return groups.isEmpty();
		}
	}

	private final JdbcClient jdbc;

	private final Map<SearchKind, PublicDocuments> owners = new EnumMap<>(SearchKind.class);

	private final PortalProperties properties;

	Search(JdbcClient jdbc, List<PublicDocuments> sources, PortalProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
		sources.forEach(s -> owners.put(s.kind(), s));
	}

	/**
	 * The first {@code perKind} results of each kind (or {@code size} of one kind from {@code offset}).
	 *
	 * @param kind one kind only, or null for all, grouped
	 * @throws InvalidInputException naming {@code q} for a query longer than the setting
	 */
	public Results search(String query, SearchKind kind, int offset, int size) {
		String q = query == null ? "" : query.strip();
		if (q.length() > properties.maxQueryLength()) {
			throw new InvalidInputException("q", "portal.search.error.long");
		}
		List<String> tokens = SearchTokens.query(q);
		if (tokens.isEmpty()) {
			return new Results(q, List.of());
		}
		int perKind = kind == null ? properties.perKind() : size;
		Map<SearchKind, List<Hit>> hits = new EnumMap<>(SearchKind.class);
		Map<SearchKind, Long> matches = new EnumMap<>(SearchKind.class);
		// the rows holding every token (GIN), ranked within their kind; the first of each kind sent back
		jdbc.sql("""
				select kind, ref, title, summary, url, matches from (
				    select kind, ref, title, summary, url, count(*) over (partition by kind) as matches,
				        row_number() over (partition by kind
				            order by title_tokens @> cast(:tokens as text[]) desc, published_at desc nulls last, ref) as rank
				    from search_document
				    where tokens @> cast(:tokens as text[]) and (cast(:kind as text) is null or kind = :kind)) ranked
				where rank > :offset and rank <= :offset + :limit
				order by kind, rank""")
			.param("tokens", tokens.toArray(String[]::new)).param("kind", kind == null ? null : kind.name(), Types.VARCHAR)
			.param("offset", offset).param("limit", perKind)
			.query((ResultSet rs) -> {
				SearchKind k = SearchKind.valueOf(rs.getString("kind"));
				hits.computeIfAbsent(k, x -> new ArrayList<>()).add(new Hit(k, rs.getString("ref"), rs.getString("title"),
						rs.getString("summary"), rs.getString("url")));
				matches.put(k, rs.getLong("matches"));
			});
		List<Group> groups = new ArrayList<>();
		for (SearchKind k : SearchKind.values()) {
			List<Hit> found = hits.get(k);
			if (found == null) {
				continue;
			}
			List<Hit> shown = visible(k, found);
			if (!shown.isEmpty()) {
				groups.add(new Group(k, List.copyOf(shown), matches.get(k)));
			}
		}
		return new Results(q, List.copyOf(groups));
	}

	/**
	 * The newest documents of a kind its owner still shows, newest first (the home page's honours): a few rows of
	 * the index by publication, each asked of its owner as a search answer is.
	 */
	public List<Hit> latest(SearchKind kind, int limit) {
		List<Hit> rows = jdbc.sql("""
				select kind, ref, title, summary, url from search_document
				where kind = :kind and published_at is not null order by published_at desc, ref limit :limit""")
			.param("kind", kind.name()).param("limit", limit * 2)
			.query((rs, i) -> new Hit(kind, rs.getString("ref"), rs.getString("title"), rs.getString("summary"),
					rs.getString("url")))
			.list();
		List<Hit> shown = visible(kind, rows);
		return List.copyOf(shown.subList(0, Math.min(limit, shown.size())));
	}

	/** The hits their owner still shows; a kind without an owner here shows nothing (it cannot be checked). */
	private List<Hit> visible(SearchKind kind, List<Hit> hits) {
		PublicDocuments owner = owners.get(kind);
		if (owner == null) {
			return List.of();
		}
		Collection<String> refs = hits.stream().map(Hit::ref).toList();
		Set<String> visible = owner.visible(refs);
		return hits.stream().filter(h -> visible.contains(h.ref())).toList();
	}
}
