package org.wenming.platform.search;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;

/** What the owners' {@link PublicDocuments} share: numeric refs, a summary's length, telling the index of a change. */
public final class Documents {

	private Documents() {
	}

	/** The refs that are numbers, as an array for {@code = any(:ids)}; others cannot be an owner's id. */
	public static Long[] ids(Collection<String> refs) {
		return refs.stream().filter(r -> r != null && r.matches("\\d{1,18}")).map(Long::valueOf).toArray(Long[]::new);
	}

	/** The id to page after: 0 for the first page. */
	public static long after(String ref) {
		return ref == null || !ref.matches("\\d{1,18}") ? 0 : Long.parseLong(ref);
	}

	/** The first 120 characters of a text, for a result's second line (empty for null). */
	public static String summary(String text) {
		if (text == null) {
			return "";
		}
		String line = text.strip().replaceAll("\\s+", " ");
		return line.length() <= 120 ? line : line.substring(0, 119) + "…";
	}

	/**
	 * Tells the search index what the public sees of one thing now, in the writer's transaction: its document, or
	 * that it is gone (the index re-reads the owner either way; the event says which document changed).
	 */
	public static void tell(ApplicationEventPublisher events, SearchKind kind, long id, Optional<PublicDocument> now) {
		now.ifPresentOrElse(d -> events.publishEvent(new PublicDocumentChanged(d)),
				() -> events.publishEvent(new PublicDocumentRemoved(kind, String.valueOf(id))));
	}

	/** A timestamp column as an instant, null for null (a row made by SQL may lack it). */
	public static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
