package org.wenming.newsroom.web;

import java.util.List;

import org.wenming.newsroom.Article;
import org.wenming.newsroom.ArticleStatus;
import org.wenming.newsroom.BodySanitizer;
import org.wenming.newsroom.LinkDomains;
import org.wenming.platform.FormValues;

/** What the newsroom's pages show. */
public final class NewsViews {

	private NewsViews() {
	}

	/** The public list. */
	public record ListView(List<Article> articles, int page, boolean hasNext, String tag) {

		public String pageUrl(int p) {
			return "/news?page=" + p + (tag == null ? "" : "&tag=" + java.net.URLEncoder.encode(tag,
					java.nio.charset.StandardCharsets.UTF_8));
		}
	}

	/**
	 * An article's public page; {@code shown} is an older version when one is asked for (null: the current).
	 * {@code jsonLd} is already safe inside a script element (no {@code <}).
	 */
	public record ArticleView(Article article, Article.Version shown, List<Article.Photo> photos,
			List<Article.Version> versions, String url, String qrSvg, String weiboUrl, String jsonLd, String ogImage) {

		public String title() {
			return shown == null ? article.title() : shown.title();
		}

		public String bodyHtml() {
			return shown == null ? article.bodyHtml() : shown.bodyHtml();
		}

		/** The corrections, newest first (every version after the first). */
		public List<Article.Version> corrections() {
			return versions.stream().filter(v -> v.version() > 1).sorted((a, b) -> b.version() - a.version()).toList();
		}
	}

	/** A region an article may belong to. */
	public record RegionOption(String code, String name) {
	}

	/** Staff's list. */
	public record StaffList(List<Article> articles, ArticleStatus status, List<ArticleStatus> statuses, String done) {
	}

	/** The editor (new when {@code article} is null). */
	public record Editor(Article article, FormValues form, List<RegionOption> regions) {

		public String action() {
			return article == null ? "/admin/news/new" : "/admin/news/" + article.id() + "/edit";
		}
	}

	/** Staff's page of one article: its state, removals of the last save, what the person may do. */
	public record StaffArticle(Article article, List<BodySanitizer.Removal> removals, List<Article.Photo> photos,
			List<Article.Version> versions, boolean mayReview, FormValues form, String done) {
	}

	/** The link allowlist. */
	public record Domains(List<LinkDomains.Domain> domains, boolean mayKeep, FormValues form) {
	}
}
