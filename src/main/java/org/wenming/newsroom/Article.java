package org.wenming.newsroom;

import java.time.Instant;
import java.util.List;

/** An article as stored (any status); the body is the sanitized HTML. */
public record Article(long id, String number, String regionCode, String regionName, String regionPath,
		ArticleStatus status, String title, String subtitle, String lead, String bodyHtml, List<String> tags,
		String source, List<String> reporters, List<String> correspondents, String editor, Reprint reprint,
		String createdBy, String submittedBy, String reviewedBy, String returnReason, Instant publishedAt,
		Instant updatedAt, int version, long viewCount, String withdrawReason) {

	/** A reprint's attribution (转载): where it first appeared, by whom, under which title, and on what terms. */
	public record Reprint(String source, String author, String title, String url, String terms) {
	}

	/** One published version: the first publication or a correction, with its note. */
	public record Version(int version, String title, String bodyHtml, String bodySha256, Instant publishedAt,
			String publishedBy, String correctionNote) {
	}

	/** A photo of the article, served at {@code /news/photos/{id}}. */
	public record Photo(long id, String caption, String credit, int position, int width, int height) {
	}

	public boolean isReprint() {
		return reprint != null;
	}

	public String url() {
		return "/news/" + number;
	}
}
