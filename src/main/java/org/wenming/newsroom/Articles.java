package org.wenming.newsroom;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.platform.search.PublicDocumentChanged;
import org.wenming.platform.search.PublicDocumentRemoved;
import org.wenming.platform.search.SearchKind;
import org.wenming.region.FieldProblem;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * The article workflow: office staff write a draft in their scope (the body sanitized on every save, the
 * removals returned to show), submit it for review; another person — office staff whose scope covers the
 * article, or the system administrator, never its author nor who submitted it — approves (published, version
 * 1 kept with its body's hash) or returns it with a reason. A published article is corrected with a visible
 * note (a new version, the old ones kept and viewable) or withdrawn (gone from the pages and the feed, 410).
 * Every transition is one conditional update: two reviewers at once, one wins, the other is refused.
 */
@Service
@EnableConfigurationProperties(NewsroomProperties.class)
public class Articles {

	static final String COLUMNS = """
			a.id, a.number, a.region_code, r.name as region_name, a.region_path, a.status, a.title, a.subtitle, a.lead,
			a.body_html, a.tags, a.source, a.reporters, a.correspondents, a.editor, a.reprint_source, a.reprint_author,
			a.reprint_title, a.reprint_url, a.reprint_terms, a.created_by, a.submitted_by, a.reviewed_by, a.return_reason,
			a.published_at, a.updated_at, a.version, a.view_count, a.withdraw_reason""";

	static final String FROM = "news_article a join published_region r on r.code = a.region_code";

	private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

	/** An article's fields as submitted (texts; lists separated by commas, 、 or spaces). */
	public record Draft(String regionCode, String title, String subtitle, String lead, String body, String tags,
			String source, String reporters, String correspondents, String editor, String reprintSource,
			String reprintAuthor, String reprintTitle, String reprintUrl, String reprintTerms) {
	}

	/** A saved article and what the sanitizer removed from its body. */
	public record Saved(Article article, List<BodySanitizer.Removal> removals) {
	}

	/** One page of the public list. */
	public record Page(List<Article> articles, int page, boolean hasNext) {
	}

	private final JdbcClient jdbc;

	private final Regions regions;

	private final LinkDomains domains;

	private final NewsroomProperties properties;

	private final BodySanitizer sanitizer;

	private final Clock clock;

	/** Tells the search index of what the public sees, once the transaction commits. */
	private final ApplicationEventPublisher events;

	Articles(JdbcClient jdbc, Regions regions, LinkDomains domains, NewsroomProperties properties, Clock clock,
			ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.regions = regions;
		this.domains = domains;
		this.properties = properties;
		this.sanitizer = new BodySanitizer(properties.maxBodyChars(), properties.maxBodyDepth());
		this.clock = clock;
	}

	public NewsroomProperties properties() {
		return properties;
	}

	// ---- who may do what ---------------------------------------------------------------------------------

	/** Authors: office staff (and the system administrator). */
	public static boolean mayWrite(ScopedUser user) {
		return user != null && (user.hasRole(Roles.OFFICE_STAFF) || user.hasRole(Roles.SYSTEM_ADMIN));
	}

	/** Whether the person may approve or return this article: staff in scope, never its author or submitter. */
	public static boolean mayReview(ScopedUser user, Article a) {
		return mayWrite(user) && user.scope().covers(a.regionPath()) && !user.username().equals(a.createdBy())
				&& !user.username().equals(a.submittedBy());
	}

	private static void requireWriter(ScopedUser user) {
		if (!mayWrite(user)) {
			throw new AccessDeniedException("the newsroom is for the offices' staff");
		}
	}

	// ---- the body ----------------------------------------------------------------------------------------

	/** The sanitized body and its removals, nothing stored (the editor's preview). */
	public BodySanitizer.Result sanitize(String body) {
		List<String> allowed = domains.names();
		return sanitizer.sanitize(body, host -> domains.allows(host, allowed));
	}

	// ---- writing -----------------------------------------------------------------------------------------

	/** @throws NewsRefusedException naming the fields; nothing stored */
	@Transactional
	public Saved create(Draft draft, ScopedUser user) {
		requireWriter(user);
		Checked c = check(draft, user);
		Instant now = Instant.now(clock);
		long seq = jdbc.sql("select nextval('news_article_number_seq')").query(Long.class).single();
		String number = "N" + Year.now(clock.withZone(CITY)) + "-" + String.format("%06d", seq);
		long id = jdbc.sql("""
				insert into news_article (number, region_code, region_path, title, subtitle, lead, body_html, tags, source,
				    reporters, correspondents, editor, reprint_source, reprint_author, reprint_title, reprint_url,
				    reprint_terms, created_by, created_at, updated_at)
				values (:number, :region, :path, :title, :subtitle, :lead, :body, cast(:tags as text[]), :source,
				    cast(:reporters as text[]), cast(:correspondents as text[]), :editor, :rs, :ra, :rt, :ru, :rterms, :by, :at, :at) returning id""")
			.param("number", number)
			.params(c.params())
			.param("by", user.username()).param("at", Timestamp.from(now)).query(Long.class).single();
		return new Saved(find(id).orElseThrow(), c.body().removals());
	}

	/** Changes a draft (a returned article is a draft again). @throws NewsRefusedException naming the fields */
	@Transactional
	public Saved update(long id, Draft draft, ScopedUser user) {
		Article a = findForStaff(id, user);
		if (a.status() != ArticleStatus.DRAFT) {
			throw NewsRefusedException.of("status", "newsroom.error.notDraft");
		}
		Checked c = check(draft, user);
		int n = jdbc.sql("""
				update news_article set region_code = :region, region_path = :path, title = :title, subtitle = :subtitle,
				    lead = :lead, body_html = :body, tags = cast(:tags as text[]), source = :source, reporters = cast(:reporters as text[]),
				    correspondents = cast(:correspondents as text[]), editor = :editor, reprint_source = :rs, reprint_author = :ra,
				    reprint_title = :rt, reprint_url = :ru, reprint_terms = :rterms, updated_at = :at
				where id = :id and status = 'DRAFT'""")
			.params(c.params()).param("at", Timestamp.from(Instant.now(clock))).param("id", id).update();
		if (n != 1) {
			throw NewsRefusedException.of("status", "newsroom.error.notDraft");
		}
		return new Saved(find(id).orElseThrow(), c.body().removals());
	}

	@Transactional
	public Article submit(long id, ScopedUser user) {
		findForStaff(id, user);
		Instant now = Instant.now(clock);
		transition(jdbc.sql("""
				update news_article set status = 'IN_REVIEW', submitted_by = :by, submitted_at = :at, updated_at = :at,
				    return_reason = null
				where id = :id and status = 'DRAFT'""").param("by", user.username()).param("at", Timestamp.from(now))
			.param("id", id).update());
		return find(id).orElseThrow();
	}

	/**
	 * Publishes an article in review: version 1 and its body's hash kept.
	 *
	 * @throws NewsRefusedException on {@code reviewer} when the reviewer wrote or submitted it
	 */
	@Transactional
	public Article approve(long id, ScopedUser user) {
		Article a = reviewable(id, user);
		Instant now = Instant.now(clock);
		transition(jdbc.sql("""
				update news_article set status = 'PUBLISHED', reviewed_by = :by, reviewed_at = :at, published_at = :at,
				    updated_at = :at, version = 1
				where id = :id and status = 'IN_REVIEW' and created_by <> :by and submitted_by <> :by""")
			.param("by", user.username()).param("at", Timestamp.from(now)).param("id", id).update());
		keepVersion(id, 1, a.title(), a.bodyHtml(), now, user.username(), null);
		return published(find(id).orElseThrow());
	}

	/** Sends an article in review back to its author with a reason. */
	@Transactional
	public Article returnToAuthor(long id, String reason, ScopedUser user) {
		reviewable(id, user);
		String r = required("reason", reason, 500);
		transition(jdbc.sql("""
				update news_article set status = 'DRAFT', return_reason = :reason, updated_at = :at
				where id = :id and status = 'IN_REVIEW'""").param("reason", r)
			.param("at", Timestamp.from(Instant.now(clock))).param("id", id).update());
		return find(id).orElseThrow();
	}

	/**
	 * Corrects a published article: a new version with a visible note, the old versions kept.
	 *
	 * @throws NewsRefusedException naming {@code title}, {@code body} or {@code note}; nothing stored
	 */
	@Transactional
	public Saved correct(long id, String title, String body, String note, ScopedUser user) {
		Article a = findForStaff(id, user);
		if (a.status() != ArticleStatus.PUBLISHED) {
			throw NewsRefusedException.of("status", "newsroom.error.notPublished");
		}
		List<FieldProblem> problems = new ArrayList<>();
		String t = text("title", title, 200, true, problems);
		String n = text("note", note, 1000, true, problems);
		BodySanitizer.Result clean = null;
		try {
			clean = sanitize(body);
		}
		catch (NewsRefusedException ex) {
			problems.addAll(ex.problems());
		}
		if (!problems.isEmpty()) {
			throw new NewsRefusedException(problems);
		}
		Instant now = Instant.now(clock);
		int next = a.version() + 1;
		transition(jdbc.sql("""
				update news_article set title = :title, body_html = :body, version = :next, updated_at = :at
				where id = :id and status = 'PUBLISHED' and version = :version""").param("title", t)
			.param("body", clean.html()).param("next", next).param("at", Timestamp.from(now)).param("id", id)
			.param("version", a.version()).update());
		keepVersion(id, next, t, clean.html(), now, user.username(), n);
		return new Saved(published(find(id).orElseThrow()), clean.removals());
	}

	/** Takes a published article down: its URL answers 410, it leaves the list and the feed. */
	@Transactional
	public Article withdraw(long id, String reason, ScopedUser user) {
		findForStaff(id, user);
		String r = required("reason", reason, 500);
		Instant now = Instant.now(clock);
		transition(jdbc.sql("""
				update news_article set status = 'WITHDRAWN', withdrawn_by = :by, withdrawn_at = :at, withdraw_reason = :r,
				    updated_at = :at
				where id = :id and status = 'PUBLISHED'""").param("by", user.username()).param("at", Timestamp.from(now))
			.param("r", r).param("id", id).update());
		events.publishEvent(new PublicDocumentRemoved(SearchKind.NEWS, String.valueOf(id)));
		return find(id).orElseThrow();
	}

	private Article published(Article article) {
		events.publishEvent(new PublicDocumentChanged(NewsDocuments.document(article)));
		return article;
	}

	private Article reviewable(long id, ScopedUser user) {
		Article a = findForStaff(id, user);
		if (a.status() != ArticleStatus.IN_REVIEW) {
			throw NewsRefusedException.of("status", "newsroom.error.notInReview");
		}
		if (!mayReview(user, a)) {
			throw NewsRefusedException.of("reviewer", "newsroom.error.ownArticle");
		}
		return a;
	}

	private static void transition(int updated) {
		if (updated != 1) {
			throw NewsRefusedException.of("status", "newsroom.error.stale");
		}
	}

	private void keepVersion(long id, int version, String title, String body, Instant at, String by, String note) {
		jdbc.sql("""
				insert into news_article_version (article_id, version, title, body_html, body_sha256, published_at,
				    published_by, correction_note)
				values (:id, :v, :title, :body, :sha, :at, :by, :note)""").param("id", id).param("v", version)
			.param("title", title).param("body", body).param("sha", BodySanitizer.sha256(body))
			.param("at", Timestamp.from(at)).param("by", by).param("note", note).update();
	}

	// ---- reading -----------------------------------------------------------------------------------------

	public Optional<Article> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from " + FROM + " where a.id = :id").param("id", id)
			.query(Articles::row).optional();
	}

	/** @throws OutOfScopeException when there is none or it lies outside the scope (answered as not found) */
	public Article findForStaff(long id, ScopedUser user) {
		requireWriter(user);
		return find(id).filter(a -> user.scope().covers(a.regionPath()))
			.orElseThrow(() -> new OutOfScopeException("news-article", String.valueOf(id)));
	}

	/** Staff's list: the articles in the scope, optionally of one status, newest change first. */
	public List<Article> in(DataScope scope, ArticleStatus status, int limit) {
		return jdbc.sql("select " + COLUMNS + " from " + FROM
				+ " where a.region_path >= :lower and a.region_path < :upper"
				+ (status == null ? "" : " and a.status = :status") + " order by a.updated_at desc, a.id desc limit :limit")
			.param("lower", scope.lower()).param("upper", scope.upper())
			.param("status", status == null ? "" : status.name()).param("limit", limit).query(Articles::row).list();
	}

	/** An article by its number, whatever its status (the page answers 404 or 410 for those not public). */
	public Optional<Article> byNumber(String number) {
		if (number == null || !number.matches("N\\d{4}-\\d{6}")) {
			return Optional.empty();
		}
		return jdbc.sql("select " + COLUMNS + " from " + FROM + " where a.number = :n").param("n", number)
			.query(Articles::row).optional();
	}

	/** Published articles, newest first, optionally with a tag; pages from 1. */
	public Page published(String tag, int page, int size) {
		int p = Math.max(1, Math.min(page, 10_000));
		List<Article> rows = jdbc.sql("select " + COLUMNS + " from " + FROM + " where a.status = 'PUBLISHED'"
				+ (tag == null ? "" : " and a.tags @> array[cast(:tag as text)]")
				+ " order by a.published_at desc, a.id desc limit :limit offset :offset")
			.param("tag", tag == null ? "" : tag).param("limit", size + 1).param("offset", (p - 1) * size)
			.query(Articles::row).list();
		boolean more = rows.size() > size;
		return new Page(more ? rows.subList(0, size) : rows, p, more);
	}

	public List<Article.Version> versions(long id) {
		return jdbc.sql("""
				select version, title, body_html, body_sha256, published_at, published_by, correction_note
				from news_article_version where article_id = :id order by version""").param("id", id)
			.query((rs, n) -> new Article.Version(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7)))
			.list();
	}

	/** Counts one view: one statement on the article's own row. */
	/** A well-known crawler's User-Agent (Baiduspider, Googlebot, bingbot, Sogou, 360Spider, …): its visits are no views. */
	public static boolean isCrawler(String userAgent) {
		return userAgent != null && CRAWLER.matcher(userAgent).find();
	}

	private static final java.util.regex.Pattern CRAWLER = java.util.regex.Pattern
		.compile("bot\\b|bot/|spider|crawler|slurp|Sogou web|YisouSpider|Bytespider", java.util.regex.Pattern.CASE_INSENSITIVE);

	public void countView(long id) {
		jdbc.sql("update news_article set view_count = view_count + 1 where id = :id and status = 'PUBLISHED'")
			.param("id", id).update();
	}

	public List<Article.Photo> photos(long id) {
		return jdbc.sql("""
				select id, caption, credit, position, width, height from news_photo where article_id = :id
				order by position""").param("id", id)
			.query((rs, n) -> new Article.Photo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
					rs.getInt(5), rs.getInt(6)))
			.list();
	}

	// ---- checking ----------------------------------------------------------------------------------------

	private record Checked(Region region, String title, String subtitle, String lead, BodySanitizer.Result body,
			String[] tags, String source, String[] reporters, String[] correspondents, String editor,
			Article.Reprint reprint) {

		java.util.Map<String, Object> params() {
			java.util.Map<String, Object> p = new java.util.HashMap<>();
			p.put("region", region.code());
			p.put("path", region.path());
			p.put("title", title);
			p.put("subtitle", subtitle);
			p.put("lead", lead);
			p.put("body", body.html());
			p.put("tags", tags);
			p.put("source", source);
			p.put("reporters", reporters);
			p.put("correspondents", correspondents);
			p.put("editor", editor);
			p.put("rs", reprint == null ? null : reprint.source());
			p.put("ra", reprint == null ? null : reprint.author());
			p.put("rt", reprint == null ? null : reprint.title());
			p.put("ru", reprint == null ? null : reprint.url());
			p.put("rterms", reprint == null ? null : reprint.terms());
			return p;
		}
	}

	private Checked check(Draft d, ScopedUser user) {
		List<FieldProblem> problems = new ArrayList<>();
		Region region = null;
		if (d.regionCode() == null || d.regionCode().isBlank()) {
			problems.add(new FieldProblem("regionCode", "newsroom.error.required"));
		}
		else {
			region = regions.findInScope(d.regionCode().strip(), user.scope()).orElse(null);
			if (region == null) {
				problems.add(new FieldProblem("regionCode", "newsroom.error.region"));
			}
		}
		String title = text("title", d.title(), 200, true, problems);
		String subtitle = text("subtitle", d.subtitle(), 200, false, problems);
		String lead = text("lead", d.lead(), 1000, false, problems);
		String source = text("source", d.source(), 100, false, problems);
		String editor = text("editor", d.editor(), 50, false, problems);
		String[] tags = list("tags", d.tags(), 8, 20, problems);
		String[] reporters = list("reporters", d.reporters(), 10, 50, problems);
		String[] correspondents = list("correspondents", d.correspondents(), 10, 50, problems);
		Article.Reprint reprint = reprint(d, problems);
		BodySanitizer.Result body = null;
		try {
			body = sanitize(d.body());
		}
		catch (NewsRefusedException ex) {
			problems.addAll(ex.problems());
		}
		if (!problems.isEmpty()) {
			throw new NewsRefusedException(problems);
		}
		return new Checked(region, title, subtitle, lead, body, tags, source, reporters, correspondents, editor,
				reprint);
	}

	private static Article.Reprint reprint(Draft d, List<FieldProblem> problems) {
		String source = text("reprintSource", d.reprintSource(), 100, false, problems);
		String author = text("reprintAuthor", d.reprintAuthor(), 100, false, problems);
		String title = text("reprintTitle", d.reprintTitle(), 200, false, problems);
		String url = text("reprintUrl", d.reprintUrl(), 500, false, problems);
		String terms = text("reprintTerms", d.reprintTerms(), 500, false, problems);
		if (source == null && author == null && title == null && url == null && terms == null) {
			return null;
		}
		if (source == null) {
			problems.add(new FieldProblem("reprintSource", "newsroom.error.reprintSource"));
		}
		if (url == null || BodySanitizer.httpsHost(url) == null || !validUri(url)) {
			problems.add(new FieldProblem("reprintUrl", "newsroom.error.reprintUrl"));
		}
		return new Article.Reprint(source, author, title, url, terms);
	}

	private static boolean validUri(String url) {
		try {
			new URI(url);
			return !url.contains("\"") && !url.contains("<");
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static String required(String field, String value, int max) {
		List<FieldProblem> problems = new ArrayList<>();
		String t = text(field, value, max, true, problems);
		if (!problems.isEmpty()) {
			throw new NewsRefusedException(problems);
		}
		return t;
	}

	private static String text(String field, String value, int max, boolean required, List<FieldProblem> problems) {
		String v = value == null ? "" : value.strip();
		if (v.isEmpty()) {
			if (required) {
				problems.add(new FieldProblem(field, "newsroom.error.required"));
			}
			return null;
		}
		if (v.length() > max) {
			problems.add(new FieldProblem(field, "newsroom.error.tooLong"));
			return null;
		}
		if (v.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t')) {
			problems.add(new FieldProblem(field, "newsroom.error.control"));
			return null;
		}
		return v;
	}

	private static String[] list(String field, String value, int maxItems, int maxLength, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			return new String[0];
		}
		LinkedHashSet<String> items = new LinkedHashSet<>();
		for (String part : value.split("[,，、;；\\s]+")) {
			if (!part.isBlank()) {
				items.add(part.strip());
			}
		}
		if (items.size() > maxItems || items.stream().anyMatch(i -> i.length() > maxLength
				|| i.chars().anyMatch(ch -> ch < 0x20 || ch == '<' || ch == '>'))) {
			problems.add(new FieldProblem(field, "newsroom.error.list"));
			return new String[0];
		}
		return items.toArray(String[]::new);
	}

	static Article row(ResultSet rs, int n) throws SQLException {
		String reprintSource = rs.getString("reprint_source");
		Timestamp published = rs.getTimestamp("published_at");
		return new Article(rs.getLong("id"), rs.getString("number"), rs.getString("region_code"),
				rs.getString("region_name"), rs.getString("region_path"), ArticleStatus.valueOf(rs.getString("status")),
				rs.getString("title"), rs.getString("subtitle"), rs.getString("lead"), rs.getString("body_html"),
				strings(rs.getArray("tags")), rs.getString("source"), strings(rs.getArray("reporters")),
				strings(rs.getArray("correspondents")), rs.getString("editor"),
				reprintSource == null ? null : new Article.Reprint(reprintSource, rs.getString("reprint_author"),
						rs.getString("reprint_title"), rs.getString("reprint_url"), rs.getString("reprint_terms")),
				rs.getString("created_by"), rs.getString("submitted_by"), rs.getString("reviewed_by"),
				rs.getString("return_reason"), published == null ? null : published.toInstant(),
				rs.getTimestamp("updated_at").toInstant(), rs.getInt("version"), rs.getLong("view_count"),
				rs.getString("withdraw_reason"));
	}

	private static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}
}
