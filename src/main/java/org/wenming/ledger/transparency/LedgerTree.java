package org.wenming.ledger.transparency;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * The ledger's transparency log on the database: one Merkle tree (RFC 9162) per city over its service records in
 * seq order. See docs/notes/transparency.md, "The tree".
 */
@Service
@EnableConfigurationProperties(TreeProperties.class)
public class LedgerTree {

	private final TreeProperties properties;

	LedgerTree(TreeProperties properties) {
		this.properties = properties;
	}

	/** The installation's suite. */
	public Suite suite() {
		return properties.suite();
	}

	/** Every record appended so far enters its city's tree; idempotent; safe with several nodes. */
	public void integrate() {
		throw new UnsupportedOperationException("tree: not yet");
	}

	/** The cities with a tree. */
	public List<String> cities() {
		throw new UnsupportedOperationException("tree: not yet");
	}

	/** A city's tree now; size 0 and the empty root when it has none. */
	public TreeState current(String cityCode) {
		throw new UnsupportedOperationException("tree: not yet");
	}

	/** The root of the first {@code size} leaves, any size up to the current one. */
	public byte[] rootAt(String cityCode, long size) {
		throw new UnsupportedOperationException("tree: not yet");
	}

	/** Empty when the record is not among its city's first {@code treeSize} leaves. */
	public Optional<InclusionProof> inclusion(long seq, long treeSize) {
		throw new UnsupportedOperationException("tree: not yet");
	}

	/** The consistency proof from the city's tree of size1 to the one of size2 (≤ the current size). */
	public List<byte[]> consistency(String cityCode, long size1, long size2) {
		throw new UnsupportedOperationException("tree: not yet");
	}

	/** The city of a record; empty for an unknown seq. */
	public Optional<String> cityOf(long seq) {
		throw new UnsupportedOperationException("tree: not yet");
	}
}
