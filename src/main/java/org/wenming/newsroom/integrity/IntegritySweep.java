package org.wenming.newsroom.integrity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.newsroom.LinkDomains;
import org.wenming.notification.Notification;
import org.wenming.notification.Notifier;
import org.wenming.platform.SecurityAlarm;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * The published-page integrity sweep: every published article's page fetched over HTTP as each
 * {@link Identity}, each answer checked ({@link PageChecks}) against the body hash kept at publication. What it
 * finds is stored per sweep; a finding the previous sweep did not have (same article, identity and kind) raises
 * a security alarm (the audit, for the staff whose scope covers the article) and, once per sweep, a text message
 * to the configured mobiles. The sweep's own reader-like views are taken back from the articles' view counts.
 * One sweep at a time across the nodes: the timer and "sweep now" share one ShedLock lock; all state is in the
 * database.
 */
@Service
@EnableConfigurationProperties(IntegrityProperties.class)
public class IntegritySweep {

	static final String LOCK = "news-integrity-sweep";

	/** A sweep whose node died is no longer "running" after this long (the lock's longest hold). */
	static final Duration LONGEST = Duration.ofHours(1);

	private static final Logger log = LoggerFactory.getLogger(IntegritySweep.class);

	private static final int CHUNK = 256;

	/** One published article to fetch: its current version's kept hash. */
	record Target(long id, String number, String title, String regionPath, int version, String reprintUrl,
			String keptHash) {
	}

	/** One finding of an answer. */
	record Found(Identity identity, FindingKind kind, String detail, boolean cloaked) {
	}

	/** What one article's four fetches gave. */
	record ArticleResult(Target target, List<Found> found, int readerViews, int fetches) {
	}

	private final JdbcClient jdbc;

	private final LinkDomains domains;

	private final IntegrityProperties properties;

	private final Environment environment;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final Notifier notifier;

	private final MessageSource messages;

	private final TransactionTemplate tx;

	private final LockingTaskExecutor locks;

	IntegritySweep(JdbcClient jdbc, LinkDomains domains, IntegrityProperties properties, Environment environment,
			Clock clock, ApplicationEventPublisher events, Notifier notifier, MessageSource messages,
			PlatformTransactionManager transactions, LockingTaskExecutor locks) {
		this.jdbc = jdbc;
		this.domains = domains;
		this.properties = properties;
		this.environment = environment;
		this.clock = clock;
		this.events = events;
		this.notifier = notifier;
		this.messages = messages;
		this.tx = new TransactionTemplate(transactions);
		this.locks = locks;
	}

	/** Where the pages are fetched: the setting, or this node. */
	public String baseUrl() {
		if (!properties.baseUrl().isEmpty()) {
			return properties.baseUrl();
		}
		return "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080");
	}

	/** Whether a sweep is running (on any node). */
	public boolean running() {
		return jdbc.sql("""
				select exists (select 1 from news_integrity_sweep where finished_at is null and started_at > :since)""")
			.param("since", Timestamp.from(clock.instant().minus(LONGEST))).query(Boolean.class).single();
	}

	/**
	 * Starts a sweep in the background under the lock, unless one runs.
	 *
	 * @return false when a sweep already runs
	 */
	public boolean start(String startedBy) {
		if (running()) {
			return false;
		}
		Thread thread = new Thread(() -> runLocked(startedBy), "news-integrity-sweep");
		thread.setDaemon(true);
		thread.start();
		return true;
	}

	/** One sweep under the lock (nothing when another node or thread holds it). */
	void runLocked(String startedBy) {
		locks.executeWithLock((Runnable) () -> sweep(startedBy),
				new LockConfiguration(Instant.now(), LOCK, LONGEST, Duration.ZERO));
	}

	/** One sweep now, in this thread (the caller holds the lock); returns its id. */
	public long sweep(String startedBy) {
		long started = System.nanoTime();
		String base = baseUrl();
		Instant now = clock.instant();
		jdbc.sql("delete from news_integrity_sweep where started_at < :cutoff")
			.param("cutoff", Timestamp.from(now.minus(properties.retention()))).update();
		long id = jdbc.sql("""
				insert into news_integrity_sweep (started_at, started_by, base_url) values (:at, :by, :base) returning id""")
			.param("at", Timestamp.from(now)).param("by", startedBy).param("base", base).query(Long.class).single();
		Set<String> previous = new HashSet<>(jdbc.sql("""
				select article_id || '/' || identity || '/' || kind from news_integrity_finding
				where sweep_id = (select max(id) from news_integrity_sweep where finished_at is not null and id < :id)""")
			.param("id", id).query(String.class).list());
		List<Target> targets = jdbc.sql("""
				select a.id, a.number, a.title, a.region_path, a.version, a.reprint_url, v.body_sha256
				from news_article a join news_article_version v on v.article_id = a.id and v.version = a.version
				where a.status = 'PUBLISHED' order by a.id""")
			.query((rs, n) -> new Target(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getInt(5), rs.getString(6), rs.getString(7).strip()))
			.list();
		List<String> listed = domains.names();
		URI baseUri = URI.create(base);
		Set<String> own = Set.of(baseUri.getHost().toLowerCase(Locale.ROOT));
		int fetches = 0;
		int findings = 0;
		int alarms = 0;
		List<String> alarmed = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(properties.concurrency());
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER).connectTimeout(properties.timeout()).build();
		try {
			for (int from = 0; from < targets.size(); from += CHUNK) {
				List<Future<ArticleResult>> futures = new ArrayList<>();
				for (Target t : targets.subList(from, Math.min(targets.size(), from + CHUNK))) {
					PageChecks.Allowed allowed = new PageChecks.Allowed(own, host -> domains.allows(host, listed),
							t.reprintUrl());
					futures.add(pool.submit(() -> fetch(client, base, t, allowed)));
				}
				List<ArticleResult> results = new ArrayList<>();
				for (Future<ArticleResult> f : futures) {
					results.add(f.get());
				}
				int[] counts = tx.execute(s -> store(id, results, previous, alarmed));
				fetches += counts[0];
				findings += counts[1];
				alarms += counts[2];
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stopped(id, targets.size(), fetches, findings, alarms);
			throw new IllegalStateException("the integrity sweep was interrupted", ex);
		}
		catch (ExecutionException | RuntimeException ex) {
			// closed with what it did, so the page and "sweep now" do not wait an hour for a sweep that is gone
			stopped(id, targets.size(), fetches, findings, alarms);
			throw new IllegalStateException("the integrity sweep failed", ex instanceof ExecutionException ? ex.getCause() : ex);
		}
		finally {
			pool.shutdownNow();
		}
		int a = alarms;
		int f = findings;
		int n = fetches;
		tx.executeWithoutResult(s -> {
			jdbc.sql("""
					update news_integrity_sweep set finished_at = :at, articles = :articles, fetches = :fetches,
					    findings = :findings, alarms = :alarms where id = :id""")
				.param("at", Timestamp.from(clock.instant())).param("articles", targets.size()).param("fetches", n)
				.param("findings", f).param("alarms", a).param("id", id).update();
			if (a > 0) {
				tell(a, alarmed, base);
			}
		});
		log.info("Integrity sweep {}: {} articles, {} fetches, {} findings ({} new) in {} ms", id, targets.size(), n,
				f, a, (System.nanoTime() - started) / 1_000_000);
		return id;
	}

	private void stopped(long id, int articles, int fetches, int findings, int alarms) {
		log.warn("Integrity sweep {} stopped after {} fetches", id, fetches);
		jdbc.sql("""
				update news_integrity_sweep set finished_at = :at, articles = :articles, fetches = :fetches,
				    findings = :findings, alarms = :alarms where id = :id""")
			.param("at", Timestamp.from(clock.instant())).param("articles", articles).param("fetches", fetches)
			.param("findings", findings).param("alarms", alarms).param("id", id).update();
	}

	/** The four fetches of one article and their checks; crawler answers unlike the browser's are marked. */
	ArticleResult fetch(HttpClient client, String base, Target t, PageChecks.Allowed allowed) {
		URI uri = URI.create(base + "/news/" + t.number());
		Supplier<String> kept = memo(() -> jdbc.sql(
				"select body_html from news_article_version where article_id = :id and version = :v")
			.param("id", t.id()).param("v", t.version()).query(String.class).single());
		Map<Identity, PageChecks.Outcome> outcomes = new EnumMap<>(Identity.class);
		int views = 0;
		for (Identity identity : Identity.values()) {
			HttpRequest request = identity.headers(HttpRequest.newBuilder(uri).timeout(properties.timeout()).GET(),
					t.title()).build();
			PageChecks.Outcome outcome;
			try {
				HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
				if (identity.reader && r.statusCode() == 200) {
					views++;
				}
				outcome = PageChecks.check(r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body(),
						uri, allowed, t.keptHash(), kept);
			}
			catch (IOException ex) {
				outcome = new PageChecks.Outcome(Map.of(FindingKind.FETCH_FAILED,
						PageChecks.bound(ex.getClass().getSimpleName() + ": " + ex.getMessage())), null);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			outcomes.put(identity, outcome);
		}
		PageChecks.Outcome browser = outcomes.get(Identity.BROWSER);
		List<Found> found = new ArrayList<>();
		outcomes.forEach((identity, o) -> {
			boolean cloaked = identity != Identity.BROWSER && (!Objects.equals(o.bodyHash(), browser.bodyHash())
					|| !o.findings().equals(browser.findings()));
			o.findings().forEach((kind, detail) -> found.add(new Found(identity, kind, detail, cloaked)));
		});
		return new ArticleResult(t, found, views, Identity.values().length);
	}

	/** Stores a chunk's findings, raises the new ones, takes back the views; returns fetches, findings, alarms. */
	private int[] store(long sweepId, List<ArticleResult> results, Set<String> previous, List<String> alarmed) {
		Timestamp at = Timestamp.from(clock.instant());
		int fetches = 0;
		int findings = 0;
		int alarms = 0;
		StringBuilder ids = new StringBuilder("{");
		StringBuilder views = new StringBuilder("{");
		for (ArticleResult r : results) {
			fetches += r.fetches();
			Target t = r.target();
			for (Found f : r.found()) {
				boolean fresh = !previous.contains(t.id() + "/" + f.identity() + "/" + f.kind());
				jdbc.sql("""
						insert into news_integrity_finding (sweep_id, article_id, version, identity, kind, cloaked, alarmed,
						    detail, found_at)
						values (:sweep, :article, :version, :identity, :kind, :cloaked, :alarmed, :detail, :at)""")
					.param("sweep", sweepId).param("article", t.id()).param("version", t.version())
					.param("identity", f.identity().name()).param("kind", f.kind().name()).param("cloaked", f.cloaked())
					.param("alarmed", fresh).param("detail", f.detail()).param("at", at).update();
				findings++;
				if (fresh) {
					alarms++;
					if (!alarmed.contains(t.number())) {
						alarmed.add(t.number());
					}
					String text = t.number() + " " + f.identity() + " " + f.kind() + (f.cloaked() ? " (cloaked)" : "")
							+ ": " + f.detail();
					events.publishEvent(new SecurityAlarm(SecurityAlarm.Kind.CONTENT_TAMPERED, t.regionPath(),
							PageChecks.shorten(text, 480)));
				}
			}
			if (r.readerViews() > 0) {
				ids.append(ids.length() > 1 ? "," : "").append(t.id());
				views.append(views.length() > 1 ? "," : "").append(r.readerViews());
			}
		}
		if (ids.length() > 1) {
			// the sweep's own reader-like views, taken back in one statement (crawlers' views are never counted)
			jdbc.sql("""
					update news_article a set view_count = greatest(a.view_count - d.n, 0)
					from unnest(cast(:ids as bigint[]), cast(:views as integer[])) as d (id, n) where a.id = d.id""")
				.param("ids", ids.append('}').toString()).param("views", views.append('}').toString()).update();
		}
		return new int[] { fetches, findings, alarms };
	}

	/** One text message per configured mobile: how many new findings, the first articles, the staff page. */
	private void tell(int count, List<String> numbers, String base) {
		if (properties.alarmMobiles().isEmpty()) {
			return;
		}
		String first = numbers.stream().limit(3).collect(Collectors.joining("、"));
		String url = base + "/admin/news/integrity";
		String text = messages.getMessage("newsroom.integrity.sms", new Object[] { count, first, url },
				Locale.SIMPLIFIED_CHINESE);
		for (String mobile : properties.alarmMobiles()) {
			notifier.send(new Notification("newsroom.integrity", mobile, "NEWS_INTEGRITY",
					Map.of("count", String.valueOf(count), "articles", first, "url", url), text));
		}
	}

	private static Supplier<String> memo(Supplier<String> supplier) {
		AtomicInteger done = new AtomicInteger();
		Object[] value = new Object[1];
		return () -> {
			if (done.get() == 0) {
				value[0] = supplier.get();
				done.set(1);
			}
			return (String) value[0];
		};
	}
}
