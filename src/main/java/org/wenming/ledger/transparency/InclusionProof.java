package org.wenming.ledger.transparency;

import java.util.List;

/**
 * That the record {@code seq} is leaf {@code leafIndex} of its city's tree of {@code treeSize} leaves: its canonical
 * encoding (the leaf data, see {@code RecordHash.encode}) and the audit path of RFC 9162 §2.1.3, nearest sibling
 * first.
 */
public record InclusionProof(long seq, String cityCode, long leafIndex, long treeSize, byte[] leafData,
		List<byte[]> path) {

	public InclusionProof {
		path = List.copyOf(path);
	}
}
