package org.wenming.platform.search;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A module's public documents, for the search over everything public, without the search depending on the
 * module (as {@link org.wenming.platform.PageSections} does for page sections). The search index is fed by
 * {@link PublicDocumentChanged} and {@link PublicDocumentRemoved} events; it asks {@link #visible} about every
 * page of results it answers, so that a withdrawal hides a result from the next request on, even before its
 * event reached the index, and {@link #page} refills the index from the owner.
 */
public interface PublicDocuments {

	SearchKind kind();

	/** Of these refs, those the public may see now. */
	Set<String> visible(Collection<String> refs);

	/**
	 * Every public document of the kind, {@code size} at most, in the owner's order (by id), after the one whose ref is
	 * {@code after} (null: from the first).
	 */
	List<PublicDocument> page(String after, int size);

	/**
	 * One document as the public sees it now, or empty when it is not public. The index re-reads it whenever an
	 * event names it, so that two events heard out of order (a consent withdrawn, then given again) leave what
	 * the owner shows now. The default asks {@link #page} for the first document after the ref's predecessor:
	 * right for owners whose refs are their numeric ids, in the order {@code page} lists them.
	 */
	default Optional<PublicDocument> document(String ref) {
		if (ref == null || !ref.matches("\\d{1,18}")) {
			return Optional.empty();
		}
		return page(String.valueOf(Long.parseLong(ref) - 1), 1).stream().filter(d -> d.ref().equals(ref)).findFirst();
	}
}
