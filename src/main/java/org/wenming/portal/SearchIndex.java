package org.wenming.portal;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.platform.BulkLoadFinished;
import org.wenming.platform.search.PublicDocument;
import org.wenming.platform.search.PublicDocumentChanged;
import org.wenming.platform.search.PublicDocumentRemoved;
import org.wenming.platform.search.PublicDocuments;
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

	private final List<PublicDocuments> sources;

	private final Clock clock;

	SearchIndex(JdbcClient jdbc, List<PublicDocuments> sources, Clock clock) {
		this.jdbc = jdbc;
		this.sources = sources;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(PublicDocumentChanged changed) {
		put(changed.document());
	}

	@ApplicationModuleListener
	void on(PublicDocumentRemoved removed) {
		jdbc.sql("delete from search_document where kind = :kind and ref = :ref").param("kind", removed.kind().name())
			.param("ref", removed.ref()).update();
	}

	/**
	 * A bulk load (the demo city, loaded after start and possibly after the first fill) committed rows no owner
	 * announced one by one: the index refills once, on the node that loaded them. Outside a transaction, as the
	 * nightly refill runs: each document is put in its own, and one owner's failure leaves the others refilled.
	 */
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(BulkLoadFinished loaded) {
		log.info("Search index refilled after the bulk load {}: {} public documents", loaded.source(), rebuild());
	}

	/** Adds or replaces one document. */
	@Transactional
	public void put(PublicDocument document) {
		List<String> tokens = SearchTokens.of(document.title() + "\n" + document.summary() + "\n" + document.text());
		jdbc.sql("""
				insert into search_document (kind, ref, region_path, title, summary, url, tokens, title_tokens,
				    published_at, indexed_at)
				values (:kind, :ref, :region, :title, :summary, :url, :tokens, :titleTokens, :published, :now)
				on conflict (kind, ref) do update set region_path = excluded.region_path, title = excluded.title,
				    summary = excluded.summary, url = excluded.url, tokens = excluded.tokens,
				    title_tokens = excluded.title_tokens, published_at = excluded.published_at,
				    indexed_at = excluded.indexed_at""")
			.param("kind", document.kind().name()).param("ref", document.ref())
			.param("region", document.regionPath(), Types.VARCHAR)
			.param("title", cut(document.title(), 300)).param("summary", cut(document.summary(), 1000))
			.param("url", document.url()).param("tokens", tokens.toArray(String[]::new))
			.param("titleTokens", SearchTokens.of(document.title()).toArray(String[]::new))
			.param("published", document.publishedAt() == null ? null
					: OffsetDateTime.ofInstant(document.publishedAt(), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

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
		long put = 0;
		String after = null;
		List<PublicDocument> page;
		do {
			page = source.page(after, PAGE);
			for (PublicDocument document : page) {
				put(document);
			}
			put += page.size();
			after = page.isEmpty() ? after : page.get(page.size() - 1).ref();
		}
		while (page.size() == PAGE);
		// what the owner did not list again is gone (a change meanwhile was put after the start: kept)
		jdbc.sql("delete from search_document where kind = :kind and indexed_at < :started")
			.param("kind", source.kind().name()).param("started", Timestamp.from(started)).update();
		return put;
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
