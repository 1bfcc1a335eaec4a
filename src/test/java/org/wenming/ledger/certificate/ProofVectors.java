package org.wenming.ledger.certificate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.wenming.ledger.internal.RecordHash;
import org.wenming.ledger.transparency.Merkle;
import org.wenming.ledger.transparency.SignedHead;
import org.wenming.ledger.transparency.Suite;
import org.wenming.ledger.transparency.TreeHash;

/**
 * Proof bundles made in Java, independently of the server (keys of the test's own, trees with
 * {@link Merkle}'s in-memory reference): for the browser verifier's known-answer and forgery tests.
 * The JSON shapes are those of the design (issue 20): head, key, transparency bundle.
 */
public final class ProofVectors {

	private static final Base64.Encoder B64 = Base64.getEncoder();

	private static final SecureRandom RANDOM = new SecureRandom();

	private ProofVectors() {
	}

	/** A signing key of one suite: its SubjectPublicKeyInfo, id, PEM, and a way to sign bytes. */
	public record Signer(Suite suite, byte[] spki, UnaryOperator<byte[]> sign) {

		public String keyId() {
			try {
				return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki), 0, 8);
			}
			catch (java.security.NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		public String pem() {
			return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
				.encodeToString(spki) + "\n-----END PUBLIC KEY-----\n";
		}

		/** {@code /api/v1/ledger/key}'s answer. */
		public Map<String, Object> keyJson() {
			Map<String, Object> key = new LinkedHashMap<>();
			key.put("suite", suite.name());
			key.put("keyId", keyId());
			key.put("pem", pem());
			return key;
		}
	}

	public static Signer signer(Suite suite) {
		try {
			if (suite == Suite.ED25519_SHA256) {
				KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
				return new Signer(suite, pair.getPublic().getEncoded(), bytes -> {
					try {
						Signature signature = Signature.getInstance("Ed25519");
						signature.initSign(pair.getPrivate());
						signature.update(bytes);
						return signature.sign();
					}
					catch (java.security.GeneralSecurityException ex) {
						throw new IllegalStateException(ex);
					}
				});
			}
			X9ECParameters curve = GMNamedCurves.getByName("sm2p256v1");
			ECNamedDomainParameters domain = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, curve);
			ECKeyPairGenerator generator = new ECKeyPairGenerator();
			generator.init(new ECKeyGenerationParameters(domain, RANDOM));
			AsymmetricCipherKeyPair pair = generator.generateKeyPair();
			byte[] spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic()).getEncoded();
			return new Signer(suite, spki, bytes -> {
				try {
					SM2Signer signer = new SM2Signer();
					signer.init(true, new ParametersWithRandom(pair.getPrivate(), RANDOM));
					signer.update(bytes, 0, bytes.length);
					return signer.generateSignature();
				}
				catch (org.bouncycastle.crypto.CryptoException ex) {
					throw new IllegalStateException(ex);
				}
			});
		}
		catch (java.io.IOException | java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A record's canonical encoding (RecordHash v1) with made-up content in city {@code city}. */
	public static byte[] leaf(long seq, String city, String hours) {
		OffsetDateTime start = OffsetDateTime.of(2026, 3, 1 + (int) (seq % 27), 1, 0, 0, 0, ZoneOffset.UTC);
		return new RecordHash().encode(seq, "SERVICE", 42, 7L, 700 + seq, "SERVICE", "社区清洁第" + seq + "次",
				start, start.plusHours(3), new BigDecimal(hours), "TEAM", 9, "端州区测试队", "44." + city + ".441202.",
				"staff-a", "leader-b", null, null, null, start.plusHours(4), new byte[32]);
	}

	public static List<byte[]> leaves(String city, int count) {
		List<byte[]> leaves = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			leaves.add(leaf(1000 + i, city, (i % 4 + 1) + ".5"));
		}
		return leaves;
	}

	public static List<byte[]> leafHashes(TreeHash h, List<byte[]> leaves) {
		return leaves.stream().map(l -> Merkle.leafHash(h, l)).toList();
	}

	/** A head of the first {@code size} leaves, signed at {@code time}. */
	public static Map<String, Object> head(Signer signer, String city, List<byte[]> leaves, int size, Instant time) {
		byte[] root = Merkle.root(signer.suite().hash(), leafHashes(signer.suite().hash(), leaves.subList(0, size)));
		SignedHead unsigned = new SignedHead(city, size, root, time, signer.suite(), signer.keyId(), null);
		return headJson(unsigned.withSignature(signer.keyId(), signer.sign().apply(unsigned.signedBytes())));
	}

	public static Map<String, Object> headJson(SignedHead h) {
		Map<String, Object> head = new LinkedHashMap<>();
		head.put("city", h.cityCode());
		head.put("size", h.size());
		head.put("root", B64.encodeToString(h.root()));
		head.put("time", SignedHead.formatTime(h.time()));
		head.put("suite", h.suite().name());
		head.put("keyId", h.keyId());
		head.put("signature", B64.encodeToString(h.signature()));
		head.put("checkpoint", h.checkpoint());
		return head;
	}

	/**
	 * The bundle of a certificate whose head is the first {@code headSize} leaves and whose records are leaves
	 * {@code indices}; the latest head holds all leaves (when more), with the consistency proof between the two.
	 */
	public static Map<String, Object> bundle(Signer signer, String city, List<byte[]> leaves, int headSize,
			int... indices) {
		TreeHash h = signer.suite().hash();
		Instant signed = Instant.parse("2026-12-01T08:00:00.123Z");
		Map<String, Object> head = head(signer, city, leaves, headSize, signed);
		boolean same = headSize == leaves.size();
		Map<String, Object> latest = same ? null : head(signer, city, leaves, leaves.size(), signed.plusSeconds(3600));
		List<byte[]> hashes = leafHashes(h, leaves);
		Map<String, Object> bundle = new LinkedHashMap<>();
		bundle.put("head", head);
		bundle.put("latest", latest);
		bundle.put("consistency", same ? List.of() : b64(Merkle.consistencyProof(h, hashes, headSize)));
		List<Map<String, Object>> records = new ArrayList<>();
		for (int index : indices) {
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("seq", 1000 + index);
			record.put("leafIndex", index);
			record.put("leafData", B64.encodeToString(leaves.get(index)));
			record.put("path", b64(Merkle.inclusionPath(h, hashes, index)));
			records.add(record);
		}
		bundle.put("records", records);
		bundle.put("more", List.of());
		bundle.put("page", 1);
		bundle.put("pages", 1);
		bundle.put("recordCount", records.size());
		return bundle;
	}

	public static List<String> b64(List<byte[]> hashes) {
		return hashes.stream().map(B64::encodeToString).toList();
	}
}
