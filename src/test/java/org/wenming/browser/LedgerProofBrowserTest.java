package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wenming.ledger.certificate.ProofVectors;
import org.wenming.ledger.transparency.Merkle;
import org.wenming.ledger.transparency.Suite;
import org.wenming.ledger.transparency.TreeHash;

import tools.jackson.databind.json.JsonMapper;

/**
 * The browser verifier ({@code js/ledger-proof.js}) in Chromium against proofs made in Java: the same roots,
 * inclusion and consistency proofs as {@link Merkle} for trees of 1 to 8 leaves (SHA-256 and SM3); a good
 * bundle verifies in both suites (Ed25519 through WebCrypto, SM2 through the vendored sm-crypto); and every
 * forgery of the issue is rejected naming what failed.
 */
@BrowserTest
class LedgerProofBrowserTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String LOAD = """
			var done = arguments[arguments.length - 1];
			function load(src) {
			  return new Promise(function (resolve, reject) {
			    var s = document.createElement('script'); s.src = src; s.onload = resolve; s.onerror = reject;
			    document.head.appendChild(s);
			  });
			}
			load('/js/vendor/sm-crypto/sm3.js').then(function () { return load('/js/vendor/sm-crypto/sm2.js'); })
			  .then(function () { return load('/js/ledger-proof.js'); })
			  .then(function () { done(typeof window.WenmingLedgerProof); }, function (e) { done('failed ' + e); });
			""";

	/** A page of the site (so the scripts come from it under its CSP) with the verifier loaded. */
	private static Browser verifier(Browsers browsers) {
		Browser browser = browsers.open(Viewport.DESKTOP);
		browser.open("/certificates");
		assertThat(browser.chrome().executeAsyncScript(LOAD)).isEqualTo("object");
		return browser;
	}

	@Test
	void rootsAndProofsOfTreesOfOneToEightLeavesAgreeWithJava(Browsers browsers) {
		Browser browser = verifier(browsers);
		for (TreeHash h : TreeHash.values()) {
			List<Map<String, Object>> trees = new ArrayList<>();
			List<byte[]> leaves = ProofVectors.leaves("4412", 8);
			List<byte[]> hashes = ProofVectors.leafHashes(h, leaves);
			for (int size = 1; size <= 8; size++) {
				List<byte[]> first = hashes.subList(0, size);
				Map<String, Object> tree = new LinkedHashMap<>();
				tree.put("size", size);
				tree.put("root", b64(Merkle.root(h, first)));
				List<Map<String, Object>> inclusions = new ArrayList<>();
				for (int i = 0; i < size; i++) {
					inclusions.add(Map.of("index", i, "leafData", b64(leaves.get(i)), "leafHash", b64(first.get(i)),
							"path", ProofVectors.b64(Merkle.inclusionPath(h, first, i))));
				}
				tree.put("inclusions", inclusions);
				List<Map<String, Object>> consistencies = new ArrayList<>();
				for (int size1 = 1; size1 <= size; size1++) {
					consistencies.add(Map.of("size1", size1, "root1", b64(Merkle.root(h, hashes.subList(0, size1))),
							"proof", size1 == size ? List.of() : ProofVectors.b64(Merkle.consistencyProof(h, first, size1))));
				}
				tree.put("consistencies", consistencies);
				trees.add(tree);
			}
			Object problems = browser.chrome().executeAsyncScript("""
					var done = arguments[arguments.length - 1];
					var P = window.WenmingLedgerProof, h = arguments[0], trees = JSON.parse(arguments[1]), problems = [];
					var b = P.fromBase64, all = function (list) { return list.map(b); };
					(async function () {
					  for (const t of trees) {
					    var root = b(t.root);
					    var leafHashes = [];
					    for (const inc of t.inclusions) {
					      var leafHash = await P.leafHash(h, b(inc.leafData));
					      leafHashes.push(leafHash);
					      if (P.toBase64(leafHash) !== inc.leafHash) problems.push('leaf hash ' + t.size + '/' + inc.index);
					      if (!await P.verifyInclusion(h, inc.index, t.size, leafHash, all(inc.path), root)) problems.push('inclusion ' + t.size + '/' + inc.index);
					      if (inc.path.length > 0 && await P.verifyInclusion(h, inc.index, t.size, leafHash, all(inc.path.slice(1)), root)) problems.push('truncated ' + t.size + '/' + inc.index);
					      if (t.size > 1 && await P.verifyInclusion(h, (inc.index + 1) % t.size, t.size, leafHash, all(inc.path), root)) problems.push('other index ' + t.size + '/' + inc.index);
					      // (the same path may also fit a bigger size when the leaf is in the left subtree: the size is bound by the signed head)
					    }
					    if (P.toBase64(await P.root(h, leafHashes)) !== t.root) problems.push('root ' + t.size);
					    for (const c of t.consistencies) {
					      if (!await P.verifyConsistency(h, c.size1, t.size, b(c.root1), root, all(c.proof))) problems.push('consistency ' + c.size1 + '->' + t.size);
					      if (c.size1 < t.size && await P.verifyConsistency(h, c.size1, t.size, root, b(c.root1), all(c.proof))) problems.push('swapped roots ' + c.size1 + '->' + t.size);
					      if (c.proof.length > 1 && await P.verifyConsistency(h, c.size1, t.size, b(c.root1), root, all(c.proof.slice(0, -1)))) problems.push('truncated consistency ' + c.size1 + '->' + t.size);
					    }
					  }
					  return problems;
					})().then(done, function (e) { done(['error ' + e]); });
					""", h.name(), JSON.writeValueAsString(trees));
			assertThat((List<?>) problems).as("verifier's problems with %s", h).isEmpty();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void theEncodingIsParsedIntoWhatItHashed(Browsers browsers) {
		Browser browser = verifier(browsers);
		Object parsed = browser.chrome().executeScript("""
				var r = window.WenmingLedgerProof.parseLeaf(window.WenmingLedgerProof.fromBase64(arguments[0]));
				return [r.seq, r.kind, r.activityTitle, r.organizationName, r.hours, r.city, r.correctsSeq === null,
				    window.WenmingLedgerProof.instant(r.startedAt).toISOString()];
				""", b64(ProofVectors.leaf(1003, "4412", "2.5")));
		assertThat((List<Object>) parsed).containsExactly("1003", "SERVICE", "社区清洁第1003次", "端州区测试队", "2.5", "4412", true,
				"2026-03-05T01:00:00.000Z");
	}

	@ParameterizedTest
	@EnumSource(Suite.class)
	void aGoodBundleVerifiesAndEachForgeryIsRejectedNamingWhatFailed(Suite suite, Browsers browsers) {
		Browser browser = verifier(browsers);
		ProofVectors.Signer key = ProofVectors.signer(suite);
		List<byte[]> leaves = ProofVectors.leaves("4412", 7);
		Map<String, Object> good = ProofVectors.bundle(key, "4412", leaves, 5, 0, 3, 4);
		Map<String, Object> keyJson = key.keyJson();

		assertThat(verify(browser, good, keyJson)).isEqualTo("ok");
		// head and latest the same (a certificate issued at the newest head)
		assertThat(verify(browser, ProofVectors.bundle(key, "4412", leaves, 7, 6, 2), keyJson)).isEqualTo("ok");

		// a head signed by another key that claims the installation's key id
		ProofVectors.Signer other = ProofVectors.signer(suite);
		Map<String, Object> forged = ProofVectors.bundle(other, "4412", leaves, 5, 0, 3, 4);
		head(forged, "head").put("keyId", key.keyId());
		head(forged, "latest").put("keyId", key.keyId());
		assertThat(verify(browser, forged, keyJson)).contains("signature");
		// the right key's id but another key's PEM (the server swapped the key): the key id does not match it
		Map<String, Object> swapped = new LinkedHashMap<>(other.keyJson());
		swapped.put("keyId", key.keyId());
		assertThat(verify(browser, good, swapped)).contains("key");

		// the head's root altered (that of other leaves): its signature no longer covers it
		Map<String, Object> altered = copy(good);
		List<byte[]> shuffled = new ArrayList<>(ProofVectors.leaves("4412", 5));
		java.util.Collections.reverse(shuffled);
		head(altered, "head").put("root", b64(Merkle.root(suite.hash(), ProofVectors.leafHashes(suite.hash(), shuffled))));
		assertThat(verify(browser, altered, keyJson)).contains("signature").contains("consistency");
		// the latest head's root altered: signature, and the paths lead elsewhere
		Map<String, Object> alteredLatest = copy(good);
		head(alteredLatest, "latest").put("root", head(alteredLatest, "head").get("root"));
		assertThat(verify(browser, alteredLatest, keyJson)).contains("signature").contains("root");

		// an older time with the old signature
		Map<String, Object> older = copy(good);
		head(older, "head").put("time", "2026-11-30T08:00:00.123Z");
		assertThat(verify(browser, older, keyJson)).isEqualTo("signature");

		// a proof for another record: the record's seq with another record's encoding and path
		Map<String, Object> another = copy(good);
		Map<String, Object> stolen = record(ProofVectors.bundle(key, "4412", leaves, 5, 1), 0);
		record(another, 0).put("leafData", stolen.get("leafData"));
		record(another, 0).put("path", stolen.get("path"));
		assertThat(verify(browser, another, keyJson)).contains("record");
		// the right encoding with another record's path
		Map<String, Object> otherPath = copy(good);
		record(otherPath, 1).put("path", stolen.get("path"));
		assertThat(verify(browser, otherPath, keyJson)).isEqualTo("root");

		// a truncated path
		Map<String, Object> truncated = copy(good);
		List<?> path = (List<?>) record(truncated, 1).get("path");
		record(truncated, 1).put("path", path.subList(0, path.size() - 1));
		assertThat(verify(browser, truncated, keyJson)).isEqualTo("path");

		// one byte of the hours edited in the encoding: 1.5 → 9.5
		Map<String, Object> edited = copy(good);
		byte[] data = Base64.getDecoder().decode((String) record(edited, 0).get("leafData"));
		byte[] hours = "1.5".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		int at = indexOf(data, hours);
		assertThat(at).isPositive();
		data[at] = '9';
		record(edited, 0).put("leafData", b64(data));
		assertThat(verify(browser, edited, keyJson)).isEqualTo("root");

		// a consistency proof that does not prove the certificate's head a prefix of the latest
		Map<String, Object> inconsistent = copy(good);
		List<String> proof = new ArrayList<>(strings(inconsistent.get("consistency")));
		proof.set(0, b64(new byte[32]));
		inconsistent.put("consistency", proof);
		assertThat(verify(browser, inconsistent, keyJson)).isEqualTo("consistency");
		// nor one of a head of a bigger tree than the latest (the latest made older)
		Map<String, Object> shrunk = ProofVectors.bundle(key, "4412", leaves, 5, 0);
		Map<String, Object> bigger = ProofVectors.head(key, "4412", leaves, 6, Instant.parse("2026-12-01T07:00:00Z"));
		shrunk.put("latest", head(shrunk, "head"));
		shrunk.put("head", bigger);
		assertThat(verify(browser, shrunk, keyJson)).contains("consistency");
	}

	/** The verifier's verdict: "ok" or the failures' names, space-separated. */
	private static String verify(Browser browser, Map<String, Object> bundle, Map<String, Object> key) {
		Object answer = browser.chrome().executeAsyncScript("""
				var done = arguments[arguments.length - 1];
				window.WenmingLedgerProof.verifyBundle(JSON.parse(arguments[0]), JSON.parse(arguments[1]))
				  .then(function (r) { done(r.ok ? (r.failures.length ? 'ok but ' + r.failures.join(' ') : 'ok') : r.failures.join(' ')); },
				        function (e) { done('error ' + e); });
				""", JSON.writeValueAsString(bundle), JSON.writeValueAsString(key));
		return (String) answer;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> head(Map<String, Object> bundle, String which) {
		return (Map<String, Object>) bundle.get(which);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> record(Map<String, Object> bundle, int index) {
		return ((List<Map<String, Object>>) bundle.get("records")).get(index);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> copy(Map<String, Object> bundle) {
		return JSON.readValue(JSON.writeValueAsString(bundle), LinkedHashMap.class);
	}

	@SuppressWarnings("unchecked")
	private static List<String> strings(Object list) {
		return (List<String>) list;
	}

	private static int indexOf(byte[] data, byte[] part) {
		outer: for (int i = 0; i <= data.length - part.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (data[i + j] != part[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static String b64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}
}
