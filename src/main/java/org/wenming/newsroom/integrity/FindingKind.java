package org.wenming.newsroom.integrity;

/** What a sweep found in one answer. */
enum FindingKind {
	/** Not 200 (and not a redirect). */
	STATUS,
	/** A redirect: not followed, a crawler hijack redirects crawlers elsewhere. */
	REDIRECT,
	/** No answer in time, or the connection failed. */
	FETCH_FAILED,
	/** The article body differs from the one published (the diff in the detail). */
	BODY_CHANGED,
	/** An element hidden by CSS, a style element with hiding rules, an obsolete tag (font, marquee, center). */
	HIDDEN_CONTENT,
	/** A link or source to a host neither this site, nor on the allowlist, nor the reprint's, nor a share target. */
	OFF_LIST_LINK,
	/** A script written into the page (the page has none but its JSON-LD data block) or an event attribute. */
	INLINE_SCRIPT
}
