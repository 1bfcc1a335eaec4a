package org.wenming.portal;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
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

	/**
	 * The results of one kind: the first few, and how many match in all (before the visibility check); when
	 * {@code atLeast}, more than that many match (a count stops there: counting every document that holds a word
	 * half the index holds costs more than the answer is worth).
	 */
	public record Group(SearchKind kind, List<Hit> hits, long matches, boolean atLeast) {
	}

	/** A grouped answer: the groups with any match, in the order of {@link SearchKind}. */
	public record Results(String query, List<Group> groups) {

		public boolean empty() {
			return groups.isEmpty();
		}
	}

	/** Matches counted per kind before a count says "more than". */
	static final long COUNT_CAP = 1000;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Map<SearchKind, PublicDocuments> owners = new EnumMap<>(SearchKind.class);

	private final PortalProperties properties;

	Search(JdbcClient jdbc, TransactionTemplate transactions, List<PublicDocuments> sources,
			PortalProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
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
		List<SearchKind> kinds = kind == null ? List.of(SearchKind.values()) : List.of(kind);
		Map<SearchKind, List<Hit>> titled = new EnumMap<>(SearchKind.class);
		Map<SearchKind, List<Hit>> others = new EnumMap<>(SearchKind.class);
		Map<SearchKind, Long> matches = new EnumMap<>(SearchKind.class);
		long cap = Math.max(COUNT_CAP, offset + perKind + 1L);
		transactions.executeWithoutResult(status -> {
			// every query's own plan: the cheapest path differs by orders of magnitude between a rare word and
			// one that half the documents hold, and a generic plan would pick one for both
			jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
			jdbc.sql(ranked(kinds)).param("tokens", tokens.toArray(String[]::new)).param("want", offset + perKind)
				.param("cap", cap)
				.query((ResultSet rs) -> {
					SearchKind k = SearchKind.valueOf(rs.getString("kind"));
					int tier = rs.getInt("tier");
					if (tier == 0) {
						matches.put(k, rs.getLong("n"));
						return;
					}
					(tier == 1 ? titled : others).computeIfAbsent(k, x -> new ArrayList<>())
						.add(new Hit(k, rs.getString("ref"), rs.getString("title"), rs.getString("summary"),
								rs.getString("url")));
				});
		});
		Map<SearchKind, List<Hit>> hits = new EnumMap<>(SearchKind.class);
		for (SearchKind k : kinds) {
			List<Hit> ranked = new ArrayList<>(titled.getOrDefault(k, List.of()));
			ranked.addAll(others.getOrDefault(k, List.of()));
			if (ranked.size() > offset) {
				hits.put(k, ranked.subList(offset, Math.min(ranked.size(), offset + perKind)));
			}
		}
		List<Group> groups = new ArrayList<>();
		for (SearchKind k : SearchKind.values()) {
			List<Hit> found = hits.get(k);
			if (found == null) {
				continue;
			}
			List<Hit> shown = visible(k, found);
			if (!shown.isEmpty()) {
				long n = matches.getOrDefault(k, 0L);
				groups.add(new Group(k, List.copyOf(shown), n, n >= cap));
			}
		}
		return new Results(q, List.copyOf(groups));
	}

	/**
	 * For each kind: its newest documents with every query token in the title (tier 1), its newest others
	 * holding every token (tier 2), {@code :want} of each, and the count of its matches up to {@code :cap}
	 * (tier 0). One branch per kind and tier, each ordered by recency with a limit, so that PostgreSQL either
	 * walks the kind's recency index and stops after a few rows (a word many documents hold) or intersects
	 * the kind's GIN postings (a rare word) — never sorts every match. The kind names come from the enum,
	 * never from the request; each kind has its own partial GIN index (V66).
	 */
	private static String ranked(List<SearchKind> kinds) {
		StringBuilder sql = new StringBuilder();
		for (SearchKind k : kinds) {
			String where = "from search_document where kind = '" + k.name() + "' and tokens @> cast(:tokens as text[])";
			if (!sql.isEmpty()) {
				sql.append(" union all ");
			}
			sql.append("(select kind, 1 as tier, ref, title, summary, url, null::bigint as n ").append(where)
				.append(" and title_tokens @> cast(:tokens as text[]) order by published_at desc nulls last, ref limit :want)")
				.append(" union all (select kind, 2, ref, title, summary, url, null ").append(where)
				.append(" and not title_tokens @> cast(:tokens as text[]) order by published_at desc nulls last, ref limit :want)")
				.append(" union all (select '").append(k.name()).append("', 0, null, null, null, null, (select count(*) from (select 1 ")
				.append(where).append(" limit :cap) c))");
		}
		return sql.toString();
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
