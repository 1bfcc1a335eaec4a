package org.wenming.ledger.transparency;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The Merkle tree of RFC 9162 §2.1 (Certificate Transparency 2.0), pure: leaf hash H(0x00 || data), node hash
 * H(0x01 || left || right), the empty tree's root H(""). Reference computations over a list in memory, the same
 * proof algorithms over any source of subtree hashes ({@link Subtrees}, used by {@link LedgerTree} on the
 * database), and the verification algorithms of §2.1.3.2 and §2.1.4.2.
 */
public final class Merkle {

	private static final byte[] LEAF = { 0x00 };

	private static final byte[] NODE = { 0x01 };

	private static final byte[] NOTHING = {};

	private Merkle() {
	}

	/**
	 * The hash of the leaves {@code [start, end)} of a tree, where the range is always one that RFC 9162's recursion
	 * visits: {@code start} a multiple of the largest power of two below or equal to {@code end - start}, or 0.
	 */
	@FunctionalInterface
	public interface Subtrees {

		byte[] hash(long start, long end);
	}

	public static byte[] emptyRoot(TreeHash h) {
		return h.digest(NOTHING);
	}

	public static byte[] leafHash(TreeHash h, byte[] leafData) {
		return h.digest(LEAF, leafData);
	}

	public static byte[] nodeHash(TreeHash h, byte[] left, byte[] right) {
		return h.digest(NODE, left, right);
	}

	/** MTH over leaf hashes kept in memory (the reference). */
	public static byte[] root(TreeHash h, List<byte[]> leafHashes) {
		return leafHashes.isEmpty() ? emptyRoot(h) : memory(h, leafHashes).hash(0, leafHashes.size());
	}

	/** PATH(index, D[n]) over leaf hashes kept in memory (the reference). */
	public static List<byte[]> inclusionPath(TreeHash h, List<byte[]> leafHashes, int index) {
		return inclusionPath(index, leafHashes.size(), memory(h, leafHashes));
	}

	/** PROOF(size1, D[n]) over leaf hashes kept in memory (the reference); empty for size1 0 or n. */
	public static List<byte[]> consistencyProof(TreeHash h, List<byte[]> leafHashes, int size1) {
		return consistencyProof(size1, leafHashes.size(), memory(h, leafHashes));
	}

	/** The subtree hashes of a list in memory, by recursion. */
	public static Subtrees memory(TreeHash h, List<byte[]> leafHashes) {
		return new Subtrees() {
			@Override
			public byte[] hash(long start, long end) {
				long n = end - start;
				if (n == 1) {
					return leafHashes.get((int) start);
				}
				long k = largestPowerOfTwoBelow(n);
				return nodeHash(h, hash(start, start + k), hash(start + k, end));
			}
		};
	}

	/** PATH(index, D[size]) of RFC 9162 §2.1.3.1, nearest sibling first. */
	public static List<byte[]> inclusionPath(long index, long size, Subtrees tree) {
		if (index < 0 || index >= size) {
			throw new IllegalArgumentException("leaf index " + index + " is not in a tree of " + size);
		}
		List<byte[]> path = new ArrayList<>();
		long start = 0;
		long end = size;
		while (end - start > 1) {
			long k = largestPowerOfTwoBelow(end - start);
			if (index < start + k) {
				path.add(tree.hash(start + k, end));
				end = start + k;
			}
			else {
				path.add(tree.hash(start, start + k));
				start = start + k;
			}
		}
		Collections.reverse(path);
		return path;
	}

	/** PROOF(size1, D[size2]) of RFC 9162 §2.1.4.1; empty when size1 is 0 or size2. */
	public static List<byte[]> consistencyProof(long size1, long size2, Subtrees tree) {
		if (size1 < 0 || size1 > size2) {
			throw new IllegalArgumentException("no consistency proof from " + size1 + " to " + size2);
		}
		List<byte[]> proof = new ArrayList<>();
		if (size1 == 0 || size1 == size2) {
			return proof;
		}
		long m = size1;
		long start = 0;
		long end = size2;
		boolean whole = true;
		while (m != end - start) {
			long k = largestPowerOfTwoBelow(end - start);
			if (m <= k) {
				proof.add(tree.hash(start + k, end));
				end = start + k;
			}
			else {
				proof.add(tree.hash(start, start + k));
				start = start + k;
				m -= k;
				whole = false;
			}
		}
		if (!whole) {
			proof.add(tree.hash(start, end));
		}
		Collections.reverse(proof);
		return proof;
	}

	/** RFC 9162 §2.1.3.2: whether {@code path} proves leaf {@code index} of a tree of {@code size} with {@code root}. */
	public static boolean verifyInclusion(TreeHash h, long index, long size, byte[] leafHash, List<byte[]> path,
			byte[] root) {
		if (index < 0 || size <= 0 || index >= size || leafHash == null || path == null || root == null) {
			return false;
		}
		long fn = index;
		long sn = size - 1;
		byte[] r = leafHash;
		for (byte[] p : path) {
			if (sn == 0 || p == null) {
				return false;
			}
			if ((fn & 1) == 1 || fn == sn) {
				r = nodeHash(h, p, r);
				if ((fn & 1) == 0) {
					while ((fn & 1) == 0 && fn != 0) {
						fn >>= 1;
						sn >>= 1;
					}
				}
			}
			else {
				r = nodeHash(h, r, p);
			}
			fn >>= 1;
			sn >>= 1;
		}
		return sn == 0 && MessageDigest.isEqual(r, root);
	}

	/**
	 * RFC 9162 §2.1.4.2: whether {@code proof} shows the tree of {@code size2} with {@code root2} extends the one of
	 * {@code size1} with {@code root1}. Equal sizes need an empty proof and equal roots; size1 0 an empty proof.
	 */
	public static boolean verifyConsistency(TreeHash h, long size1, long size2, byte[] root1, byte[] root2,
			List<byte[]> proof) {
		if (size1 < 0 || size1 > size2 || root1 == null || root2 == null || proof == null) {
			return false;
		}
		if (size1 == 0) {
			return proof.isEmpty() && MessageDigest.isEqual(root1, emptyRoot(h));
		}
		if (size1 == size2) {
			return proof.isEmpty() && MessageDigest.isEqual(root1, root2);
		}
		if (proof.isEmpty() || proof.stream().anyMatch(Objects::isNull)) {
			return false;
		}
		List<byte[]> path = new ArrayList<>(proof.size() + 1);
		if (Long.bitCount(size1) == 1) {
			path.add(root1);
		}
		path.addAll(proof);
		long fn = size1 - 1;
		long sn = size2 - 1;
		while ((fn & 1) == 1) {
			fn >>= 1;
			sn >>= 1;
		}
		byte[] fr = path.get(0);
		byte[] sr = path.get(0);
		for (byte[] c : path.subList(1, path.size())) {
			if (sn == 0) {
				return false;
			}
			if ((fn & 1) == 1 || fn == sn) {
				fr = nodeHash(h, c, fr);
				sr = nodeHash(h, c, sr);
				if ((fn & 1) == 0) {
					while ((fn & 1) == 0 && fn != 0) {
						fn >>= 1;
						sn >>= 1;
					}
				}
			}
			else {
				sr = nodeHash(h, sr, c);
			}
			fn >>= 1;
			sn >>= 1;
		}
		return sn == 0 && MessageDigest.isEqual(fr, root1) && MessageDigest.isEqual(sr, root2);
	}

	/** The largest power of two strictly below {@code n} (n ≥ 2). */
	static long largestPowerOfTwoBelow(long n) {
		return Long.highestOneBit(n - 1);
	}
}
