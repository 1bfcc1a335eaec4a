package org.wenming.platform.search;

/**
 * A module made something public or changed what the public sees of it: published in the owner's transaction,
 * so the search index (the portal) hears of it once the change is committed, at least once, on one node.
 */
public record PublicDocumentChanged(PublicDocument document) {
}
