package org.wenming.ledger.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 9162 §2.1 against published known answers, and every proof of many trees verifying while every changed one
 * fails.
 */
class MerkleTest {

	private static final HexFormat HEX = HexFormat.of();

	/**
	 * The test leaves and tree heads of Google's certificate-transparency-go, merkletree/merkle_tree_test.go
	 * ({@code testLeaves}, {@code rootForTestLeaves}, {@code TestPathToCurrentRoot}, {@code TestSnapshotConsistency};
	 * the same vectors are in transparency-dev/merkle's testonly/constants.go). Roots of sizes 0..8 (size 0: SHA-256
	 * of nothing).
	 */
	private static final List<byte[]> CT_LEAVES = List.of(new byte[0], hex("00"), hex("10"), hex("2021"), hex("3031"),
			hex("40414243"), hex("5051525354555657"), hex("606162636465666768696a6b6c6d6e6f"));

	private static final List<String> CT_ROOTS = List.of(
			"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
			"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
			"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
			"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
			"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
			"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
			"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
			"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
			"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

	static byte[] hex(String hex) {
		return HEX.parseHex(hex);
	}

	static List<String> hex(List<byte[]> hashes) {
		return hashes.stream().map(HEX::formatHex).toList();
	}

	static List<byte[]> ctLeafHashes(int n) {
		return CT_LEAVES.subList(0, n).stream().map(d -> Merkle.leafHash(TreeHash.SHA256, d)).toList();
	}

	@Test
	void rootsOfSizesZeroToEightAreCertificateTransparencysOnes() {
		for (int n = 0; n <= 8; n++) {
			assertThat(HEX.formatHex(Merkle.root(TreeHash.SHA256, ctLeafHashes(n)))).as("size %d", n)
				.isEqualTo(CT_ROOTS.get(n));
		}
		assertThat(HEX.formatHex(Merkle.emptyRoot(TreeHash.SHA256))).isEqualTo(CT_ROOTS.get(0));
	}

	@Test
	void pathsAndConsistencyProofsAreCertificateTransparencysOnes() {
		List<byte[]> leaves = ctLeafHashes(8);
		assertThat(hex(Merkle.inclusionPath(TreeHash.SHA256, leaves, 0))).containsExactly(
				"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
				"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
				"6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
		assertThat(hex(Merkle.inclusionPath(TreeHash.SHA256, leaves, 5))).containsExactly(
				"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
				"ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
				"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
		assertThat(hex(Merkle.consistencyProof(TreeHash.SHA256, leaves, 1))).containsExactly(
				"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
				"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
				"6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
		assertThat(hex(Merkle.consistencyProof(TreeHash.SHA256, leaves, 6))).containsExactly(
				"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
				"ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
				"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
		assertThat(hex(Merkle.consistencyProof(TreeHash.SHA256, ctLeafHashes(5), 2))).containsExactly(
				"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
				"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
	}

	@Test
	void everyPathAndProofOfTheKnownTreesVerifiesAndWrongOnesFail() {
		for (int n = 1; n <= 8; n++) {
			List<byte[]> leaves = ctLeafHashes(n);
			byte[] root = hex(CT_ROOTS.get(n));
			for (int i = 0; i < n; i++) {
				List<byte[]> path = Merkle.inclusionPath(TreeHash.SHA256, leaves, i);
				assertThat(Merkle.verifyInclusion(TreeHash.SHA256, i, n, leaves.get(i), path, root)).isTrue();
				assertInclusionRejectsChanges(TreeHash.SHA256, leaves, i, path, root);
			}
			for (int m = 0; m <= n; m++) {
				List<byte[]> proof = Merkle.consistencyProof(TreeHash.SHA256, leaves, m);
				byte[] root1 = hex(CT_ROOTS.get(m));
				assertThat(Merkle.verifyConsistency(TreeHash.SHA256, m, n, root1, root, proof)).as("%d→%d", m, n)
					.isTrue();
				assertConsistencyRejectsChanges(TreeHash.SHA256, m, n, root1, root, proof);
			}
		}
	}

	@Test
	void sm3KnownAnswersOfGbT32905() {
		// GB/T 32905-2016, appendix A, examples 1 and 2
		assertThat(HEX.formatHex(TreeHash.SM3.digest("abc".getBytes(StandardCharsets.US_ASCII))))
			.isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
		assertThat(HEX.formatHex(TreeHash.SM3.digest("abcd".repeat(16).getBytes(StandardCharsets.US_ASCII))))
			.isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
		// the parts are concatenated
		assertThat(TreeHash.SM3.digest("a".getBytes(StandardCharsets.US_ASCII), "bc".getBytes(StandardCharsets.US_ASCII)))
			.isEqualTo(TreeHash.SM3.digest("abc".getBytes(StandardCharsets.US_ASCII)));
		assertThat(Merkle.emptyRoot(TreeHash.SM3)).isEqualTo(TreeHash.SM3.digest());
		assertThat(Merkle.leafHash(TreeHash.SM3, hex("10"))).isEqualTo(TreeHash.SM3.digest(hex("0010")));
		assertThat(Merkle.nodeHash(TreeHash.SM3, hex("aa"), hex("bb"))).isEqualTo(TreeHash.SM3.digest(hex("01aabb")));
		assertThat(Suite.SM2_SM3.hash()).isEqualTo(TreeHash.SM3);
		assertThat(Suite.ED25519_SHA256.hash()).isEqualTo(TreeHash.SHA256);
	}

	@ParameterizedTest
	@EnumSource(TreeHash.class)
	void randomTreesUpTo300LeavesEveryProofVerifiesAndEveryOneByteChangeFails(TreeHash h) {
		Random random = new Random(20_261_207L + h.ordinal());
		for (int round = 0; round < 12; round++) {
			int n = round < 3 ? List.of(1, 256, 257).get(round) : 1 + random.nextInt(300);
			List<byte[]> leaves = IntStream.range(0, n).mapToObj(i -> {
				byte[] data = new byte[1 + random.nextInt(40)];
				random.nextBytes(data);
				return Merkle.leafHash(h, data);
			}).toList();
			byte[] root = Merkle.root(h, leaves);
			for (int k = 0; k < 20; k++) {
				int i = random.nextInt(n);
				List<byte[]> path = Merkle.inclusionPath(h, leaves, i);
				assertThat(Merkle.verifyInclusion(h, i, n, leaves.get(i), path, root)).as("leaf %d of %d", i, n).isTrue();
				assertInclusionRejectsChanges(h, leaves, i, path, root);
				// a proof for another leaf
				if (n > 1) {
					int other = (i + 1 + random.nextInt(n - 1)) % n;
					assertThat(Merkle.verifyInclusion(h, i, n, leaves.get(other), path, root)).isFalse();
				}
				int m = random.nextInt(n + 1);
				List<byte[]> proof = Merkle.consistencyProof(h, leaves, m);
				byte[] root1 = Merkle.root(h, leaves.subList(0, m));
				assertThat(Merkle.verifyConsistency(h, m, n, root1, root, proof)).as("%d→%d", m, n).isTrue();
				assertConsistencyRejectsChanges(h, m, n, root1, root, proof);
			}
		}
	}

	@Test
	void theDatabasesSubtreeSourceGivesTheSameProofsAsTheMemorysOnes() {
		List<byte[]> leaves = ctLeafHashes(7);
		Merkle.Subtrees memory = Merkle.memory(TreeHash.SHA256, leaves);
		assertThat(hex(Merkle.inclusionPath(3, 7, memory))).isEqualTo(hex(Merkle.inclusionPath(TreeHash.SHA256, leaves, 3)));
		assertThat(hex(Merkle.consistencyProof(3, 7, memory)))
			.isEqualTo(hex(Merkle.consistencyProof(TreeHash.SHA256, leaves, 3)));
	}

	private static void assertInclusionRejectsChanges(TreeHash h, List<byte[]> leaves, int i, List<byte[]> path,
			byte[] root) {
		int n = leaves.size();
		byte[] leaf = leaves.get(i);
		assertThat(Merkle.verifyInclusion(h, i + 1, n, leaf, path, root)).isFalse();
		assertThat(Merkle.verifyInclusion(h, i - 1, n, leaf, path, root)).isFalse();
		// a wrong size is refused when it changes the path's shape; when it does not (leaf 0 of 5 and of 6 have paths
		// of three hashes on the same sides) no verifier can tell, and the size comes signed in the head
		for (long size : new long[] { n - 1, n + 1, 2L * n, n / 2 }) {
			if (i < size && Merkle.inclusionPath(i, size, (a, b) -> new byte[32]).size() != path.size()) {
				assertThat(Merkle.verifyInclusion(h, i, size, leaf, path, root)).as("size %d for %d", size, n).isFalse();
			}
		}
		assertThat(Merkle.verifyInclusion(h, i, i, leaf, path, root)).isFalse();
		assertThat(Merkle.verifyInclusion(h, i, n, flip(leaf, 0), path, root)).isFalse();
		assertThat(Merkle.verifyInclusion(h, i, n, leaf, path, flip(root, 31))).isFalse();
		if (!path.isEmpty()) {
			assertThat(Merkle.verifyInclusion(h, i, n, leaf, path.subList(0, path.size() - 1), root)).isFalse();
			for (int p = 0; p < path.size(); p++) {
				List<byte[]> changed = new ArrayList<>(path);
				changed.set(p, flip(path.get(p), p % 32));
				assertThat(Merkle.verifyInclusion(h, i, n, leaf, changed, root)).isFalse();
			}
		}
		List<byte[]> longer = new ArrayList<>(path);
		longer.add(root);
		assertThat(Merkle.verifyInclusion(h, i, n, leaf, longer, root)).isFalse();
	}

	private static void assertConsistencyRejectsChanges(TreeHash h, int m, int n, byte[] root1, byte[] root2,
			List<byte[]> proof) {
		assertThat(Merkle.verifyConsistency(h, m, n, flip(root1, 3), root2, proof)).as("root1 %d→%d", m, n).isFalse();
		if (m > 0) { // every tree extends the empty one
			assertThat(Merkle.verifyConsistency(h, m, n, root1, flip(root2, 5), proof)).as("root2 %d→%d", m, n)
				.isFalse();
		}
		if (m < n) {
			assertThat(Merkle.verifyConsistency(h, n, m, root2, root1, proof)).as("size1 > size2").isFalse();
		}
		if (m > 0 && m < n) {
			// (a wrong size2 with the right roots is not always detectable: a tree of 3 leaves and one of 4 whose
			// right half's hash is the third leaf's share a root; sizes come signed in the heads)
			assertThat(Merkle.verifyConsistency(h, m, n, root1, root2, proof.subList(0, proof.size() - 1))).isFalse();
			List<byte[]> longer = new ArrayList<>(proof);
			longer.add(root2);
			assertThat(Merkle.verifyConsistency(h, m, n, root1, root2, longer)).isFalse();
			for (int p = 0; p < proof.size(); p++) {
				List<byte[]> changed = new ArrayList<>(proof);
				changed.set(p, flip(proof.get(p), (p * 7) % 32));
				assertThat(Merkle.verifyConsistency(h, m, n, root1, root2, changed)).isFalse();
			}
		}
	}

	private static byte[] flip(byte[] bytes, int at) {
		byte[] copy = bytes.clone();
		copy[at % copy.length] ^= 0x01;
		return copy;
	}
}
