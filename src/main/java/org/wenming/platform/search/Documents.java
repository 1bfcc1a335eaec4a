package org.wenming.platform.search;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;

/** What the owners' {@link PublicDocuments} share: numeric refs and a summary's length. */
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

	/** A timestamp column as an instant, null for null (a row made by SQL may lack it). */
	public static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
