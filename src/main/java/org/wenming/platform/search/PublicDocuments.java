package org.wenming.platform.search;

import java.util.Collection;
import java.util.List;
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
}
