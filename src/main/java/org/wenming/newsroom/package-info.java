/**
 * The newsroom (新闻): articles about the city's civilization work written by the offices' staff, reviewed by
 * another person before they are published (four eyes, in SQL and in {@link org.wenming.newsroom.Articles}),
 * corrected with a visible note and every published version kept, withdrawn from the pages and the feed.
 * Bodies are sanitized on save by an allowlist ({@link org.wenming.newsroom.BodySanitizer}, jsoup) and every
 * removal is listed to the editor; each published body's SHA-256 is kept for the integrity sweep. Public pages
 * {@code /news}, {@code /news/{number}}, the Atom feed {@code /news/feed.atom}; staff pages under
 * {@code /admin/news}. The design is {@code docs/notes/newsroom.md}; the schema is V61 (issue 19).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region",
		"casework :: photo", "demo" })
@org.wenming.platform.ModuleTables(owns = { "news_article", "news_article_version", "news_photo",
		"news_link_domain" }, reads = { "published_region" })
package org.wenming.newsroom;
