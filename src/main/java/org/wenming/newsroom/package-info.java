/**
 * The newsroom (新闻): articles about the city's civilization work written by the offices' staff, reviewed by
 * another person before they are published (four eyes, in SQL and in {@link org.wenming.newsroom.Articles}),
 * corrected with a visible note and every published version kept, withdrawn from the pages and the feed.
 * Bodies are sanitized on save by an allowlist ({@link org.wenming.newsroom.BodySanitizer}, jsoup) and every
 * removal is listed to the editor; each published body's SHA-256 is kept for the integrity sweep. Public pages
 * {@code /news}, {@code /news/{number}}, the Atom feed {@code /news/feed.atom}; staff pages under
 * {@code /admin/news}; the published-page integrity sweep ({@code integrity}: every published page fetched as a
 * browser, two crawlers and a visitor from a search, compared with the kept hash, alarms to the security audit
 * and by text message; {@code /admin/news/integrity}). The design is {@code docs/notes/newsroom.md}; the schema
 * is V61 and V63 (issue 19).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region",
		"casework :: photo", "demo", "notification" })
@org.wenming.platform.ModuleTables(owns = { "news_article", "news_article_version", "news_photo",
		"news_link_domain", "news_integrity_sweep",
		"news_integrity_finding" }, reads = { "published_region" })
package org.wenming.newsroom;
