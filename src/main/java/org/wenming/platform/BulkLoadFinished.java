package org.wenming.platform;

/**
 * A bulk load committed rows the owners' per-row events did not announce (the demo city through
 * {@code COPY}, an import): published in the load's transaction, so whatever keeps data derived from the
 * owners (the portal's search index) refills once the load is committed, on the node that loaded it.
 *
 * @param source what was loaded, for the log ({@code demo-city}, …)
 */
public record BulkLoadFinished(String source) {

	public BulkLoadFinished {
		if (source == null || source.isBlank()) {
			throw new IllegalArgumentException("a bulk load names its source");
		}
	}
}
