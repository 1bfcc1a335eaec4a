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

	/** The newest documents of a kind a common word's matches are ranked among. */
	static final int WINDOW = 1000;

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
		String[] words = tokens.toArray(String[]::new);
		int want = offset + perKind;
		long cap = Math.max(COUNT_CAP, want + 1L);
		Map<SearchKind, Long> matches = new EnumMap<>(SearchKind.class);
		Map<SearchKind, List<Hit>> ranked = new EnumMap<>(SearchKind.class);
		transactions.executeWithoutResult(status -> {
			// every statement planned for its own words: the cheapest path differs by orders of magnitude between
			// a rare word and one half the documents hold, and a generic plan would pick one for both
			jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
			jdbc.sql(counts(kinds)).param("tokens", words).param("cap", cap)
				.query((ResultSet rs) -> {
					matches.put(SearchKind.valueOf(rs.getString("kind")), rs.getLong("n"));
				});
			List<SearchKind> found = kinds.stream().filter(k -> matches.getOrDefault(k, 0L) > offset).toList();
			if (found.isEmpty()) {
				return;
			}
			rank(found, matches, cap, words, want, ranked);
			// a common word whose matches are all older than the window: ranked over every match after all
			List<SearchKind> shortOnes = found.stream().filter(k -> matches.get(k) >= cap
					&& ranked.getOrDefault(k, List.of()).size() < want).toList();
			if (!shortOnes.isEmpty()) {
				shortOnes.forEach(ranked::remove);
				rank(shortOnes, Map.of(), cap, words, want, ranked);
			}
		});
		Map<SearchKind, List<Hit>> hits = new EnumMap<>(SearchKind.class);
		ranked.forEach((k, list) -> {
			if (list.size() > offset) {
				hits.put(k, list.subList(offset, Math.min(list.size(), want)));
			}
		});
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

	/** How many documents of each kind hold every token, counted up to {@code :cap} (then "more than"). */
	private static String counts(List<SearchKind> kinds) {
		StringBuilder sql = new StringBuilder();
		for (SearchKind k : kinds) {
			sql.append(sql.isEmpty() ? "" : " union all ").append("select '").append(k.name())
				.append("' as kind, (select count(*) from (select 1 from search_document where kind = '").append(k.name())
				.append("' and tokens @> cast(:tokens as text[]) limit :cap) c) as n");
		}
		return sql.toString();
	}

	/**
	 * The first {@code want} documents of each kind, those with every token in the title first, then the newest.
	 * A kind with fewer matches than the cap ranks every match (its GIN postings give them: 999 rows at
	 * most); a kind a word is common in (the cap reached) ranks the matches among its {@link #WINDOW} newest
	 * documents (its recency index gives them, and a word that common has plenty there) — so no answer sorts
	 * the 43,000 documents "文明实践" finds in 100,000. Kinds not in {@code matches} rank every match.
	 */
	private void rank(List<SearchKind> kinds, Map<SearchKind, Long> matches, long cap, String[] words, int want,
			Map<SearchKind, List<Hit>> into) {
		StringBuilder sql = new StringBuilder();
		for (SearchKind k : kinds) {
			String kindIs = "kind = '" + k.name() + "'";
			String from = matches.getOrDefault(k, 0L) >= cap
					? "(select * from search_document where " + kindIs
							+ " order by published_at desc nulls last, ref limit :window) recent where true"
					: "search_document where " + kindIs;
			sql.append(sql.isEmpty() ? "" : " union all ")
				.append("(select kind, ref, title, summary, url, title_tokens @> cast(:tokens as text[]) as titled, published_at from ")
				.append(from).append(" and tokens @> cast(:tokens as text[])")
				.append(" order by titled desc, published_at desc nulls last, ref limit :want)");
		}
		sql.insert(0, "select kind, ref, title, summary, url from (").append(
				") ranked order by kind, titled desc, published_at desc nulls last, ref");
		jdbc.sql(sql.toString()).param("tokens", words).param("want", want).param("window", Math.max(WINDOW, want * 50))
			.query((ResultSet rs) -> {
				SearchKind k = SearchKind.valueOf(rs.getString("kind"));
				into.computeIfAbsent(k, x -> new ArrayList<>()).add(new Hit(k, rs.getString("ref"), rs.getString("title"),
						rs.getString("summary"), rs.getString("url")));
			});
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
