package org.wenming.platform.search;

import java.time.Instant;

/**
 * What the public may find of one thing a module shows on its public pages: only public fields, never a
 * contact or a person's number.
 *
 * @param ref the owner's id or code, unique within the kind
 * @param regionPath the region it belongs to ({@code 44.4412.441202.}), or null for the whole installation
 * @param title the line a result shows
 * @param summary one or two sentences under it (plain text)
 * @param url the public page, a local address
 * @param text everything searchable besides the title (plain text; the index keeps its tokens, not the text)
 * @param publishedAt when it became public, for the order of equally good results
 */
public record PublicDocument(SearchKind kind, String ref, String regionPath, String title, String summary, String url,
		String text, Instant publishedAt) {

	public PublicDocument {
		if (kind == null || ref == null || ref.isBlank() || title == null || url == null || !url.startsWith("/")) {
			throw new IllegalArgumentException("a public document needs a kind, a ref, a title and a local address");
		}
		summary = summary == null ? "" : summary;
		text = text == null ? "" : text;
	}
}
