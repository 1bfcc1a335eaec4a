package org.wenming.platform.search;

/** Something is no longer public (withdrawn, cancelled, consent withdrawn, deleted). */
public record PublicDocumentRemoved(SearchKind kind, String ref) {
}
