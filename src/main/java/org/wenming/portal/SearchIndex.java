package org.wenming.portal;

import java.sql.Connection;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.platform.BulkLoadFinished;
import org.wenming.platform.search.PublicDocument;
import org.wenming.platform.search.PublicDocumentChanged;
import org.wenming.platform.search.PublicDocumentRemoved;
import org.wenming.platform.search.PublicDocuments;
import org.wenming.platform.search.SearchKind;
import org.wenming.platform.search.SearchTokens;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The search index ({@code search_document}): kept by the owners' events, refilled from their
 * {@link PublicDocuments}. An event is heard after the owner's commit, at least once (Spring Modulith's
 * publication registry resubmits an unfinished one), so an upsert and a delete are idempotent by
 * {@code (kind, ref)}. Answers never trust the index alone for visibility: {@link Search} asks the owners.
 */
@Service
public class SearchIndex {

	private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

	/** Documents asked of an owner at a time when refilling. */
	static final int PAGE = 500;

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transactions;

	private final List<PublicDocuments> sources;

	private final Clock clock;

	SearchIndex(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate transactions,
			List<PublicDocuments> sources, Clock clock) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.transactions = transactions;
		this.sources = sources;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(PublicDocumentChanged changed) {
		refresh(changed.document().kind(), changed.document().ref());
	}

	@ApplicationModuleListener
	void on(PublicDocumentRemoved removed) {
		refresh(removed.kind(), removed.ref());
	}

	/**
	 * Puts what the owner shows now, or removes the row: an event only names the document that changed, so
	 * events heard late or out of order (they are delivered at least once, after their commits) still leave
	 * the owner's present state.
	 */
	private void refresh(SearchKind kind, String ref) {
		PublicDocuments owner = sources.stream().filter(s -> s.kind() == kind).findFirst().orElse(null);
		Optional<PublicDocument> now = owner == null ? Optional.empty() : owner.document(ref);
		now.ifPresentOrElse(d -> putAll(List.of(d)), () -> jdbc
			.sql("delete from search_document where kind = :kind and ref = :ref").param("kind", kind.name())
			.param("ref", ref).update());
	}

	/**
	 * A bulk load (the demo city, loaded after start and possibly after the first fill) committed rows no owner
	 * announced one by one: the index refills once, on the node that loaded them. Outside a transaction, as the
	 * nightly refill runs: a transaction per page of documents, and one owner's failure leaves the others refilled.
	 */
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(BulkLoadFinished loaded) {
		log.info("Search index refilled after the bulk load {}: {} public documents", loaded.source(), rebuild());
	}

	/** Adds or replaces one document. */
	@Transactional
	public void put(PublicDocument document) {
		putAll(List.of(document));
	}

	/**
	 * Adds or replaces documents in one batch; a row whose every field is already as given is left as it is
	 * (a nightly refill rewrites only what changed, so the GIN index is not churned for nothing).
	 */
	void putAll(List<PublicDocument> documents) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbcTemplate.batchUpdate(UPSERT, documents, documents.size(), (ps, document) -> {
			Connection connection = ps.getConnection();
			ps.setString(1, document.kind().name());
			ps.setString(2, document.ref());
			ps.setString(3, document.regionPath());
			ps.setString(4, cut(document.title(), 300));
			ps.setString(5, cut(document.summary(), 1000));
			ps.setString(6, document.url());
			ps.setArray(7, connection.createArrayOf("text", SearchTokens
				.of(document.title() + "\n" + document.summary() + "\n" + document.text()).toArray()));
			ps.setArray(8, connection.createArrayOf("text", SearchTokens.of(document.title()).toArray()));
			ps.setObject(9, document.publishedAt() == null ? null
					: OffsetDateTime.ofInstant(document.publishedAt(), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
			ps.setTimestamp(10, now);
		});
	}

	private static final String UPSERT = """
			insert into search_document (kind, ref, region_path, title, summary, url, tokens, title_tokens,
			    published_at, indexed_at)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			on conflict (kind, ref) do update set region_path = excluded.region_path, title = excluded.title,
			    summary = excluded.summary, url = excluded.url, tokens = excluded.tokens,
			    title_tokens = excluded.title_tokens, published_at = excluded.published_at,
			    indexed_at = excluded.indexed_at
			where (search_document.region_path, search_document.title, search_document.summary, search_document.url,
			       search_document.tokens, search_document.title_tokens, search_document.published_at)
			    is distinct from (excluded.region_path, excluded.title, excluded.summary, excluded.url, excluded.tokens,
			       excluded.title_tokens, excluded.published_at)""";

	/**
	 * Refills the index from every owner: each kind's documents put again, and the kind's rows the owner no
	 * longer lists removed. Returns how many documents were put.
	 */
	public long rebuild() {
		long put = 0;
		for (PublicDocuments source : sources) {
			try {
				put += refill(source);
			}
			catch (RuntimeException ex) {
				// one owner's failure leaves its kind as it was and the other kinds refilled
				log.error("Search index: refilling {} failed", source.kind(), ex);
			}
		}
		return put;
	}

	private long refill(PublicDocuments source) {
		Instant started = clock.instant();
		List<String> listed = new ArrayList<>();
		String after = null;
		List<PublicDocument> page;
		do {
			page = source.page(after, PAGE);
			List<PublicDocument> batch = page;
			transactions.executeWithoutResult(status -> putAll(batch));
			page.forEach(d -> listed.add(d.ref()));
			after = page.isEmpty() ? after : page.get(page.size() - 1).ref();
		}
		while (page.size() == PAGE);
		// what the owner did not list is gone; a document an event put after the start is kept (it may be
		// newer than the owner's page that passed it)
		jdbc.sql("""
				delete from search_document
				where kind = :kind and not (ref = any(:listed)) and indexed_at < :started""")
			.param("kind", source.kind().name()).param("listed", listed.toArray(String[]::new))
			.param("started", Timestamp.from(started)).update();
		return listed.size();
	}

	/** Nightly, on one node: what an event may have missed (an owner's plain-SQL change) comes back. */
	@Scheduled(cron = "${wenming.portal.rebuild-cron:0 40 3 * * *}", zone = "Asia/Shanghai")
	@SchedulerLock(name = "portal-search-rebuild", lockAtMostFor = "30m")
	void nightly() {
		log.info("Search index refilled: {} public documents", rebuild());
	}

	/** On a new installation (an empty index), once, on one node, soon after start. */
	@Scheduled(initialDelay = 15_000, fixedDelay = Long.MAX_VALUE)
	@SchedulerLock(name = "portal-search-first-fill", lockAtMostFor = "30m")
	void firstFill() {
		Boolean empty = jdbc.sql("select not exists (select 1 from search_document)").query(Boolean.class).single();
		if (empty) {
			log.info("Search index filled: {} public documents", rebuild());
		}
	}

	private static String cut(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}
}
