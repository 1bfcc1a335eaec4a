package org.wenming.ledger.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.test.TestRandomBigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The head signer: known answers of the standards for SM3, SM2 and Ed25519, both suites' keys and signatures, the
 * checkpoint text, and key loading (file created once with mode 600, the environment variable winning, a key of the
 * wrong algorithm refused with the setting's name).
 */
class HeadSignerTest {

	private static final HexFormat HEX = HexFormat.of();

	// ---------------------------------------------------------------- known answers

	/** GB/T 32905-2016 (GM/T 0004-2012) Appendix A, examples 1 and 2. */
	@Test
	void sm3KnownAnswers() {
		assertThat(HEX.formatHex(TreeHash.SM3.digest("abc".getBytes(StandardCharsets.US_ASCII))))
			.isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
		assertThat(HEX.formatHex(TreeHash.SM3.digest("abcd".repeat(16).getBytes(StandardCharsets.US_ASCII))))
			.isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
	}

	/**
	 * GB/T 32918.2 (GM/T 0003.2-2012) Appendix A.2, the signature example on the 256-bit Fp test curve with user ID
	 * ALICE123@YAHOO.COM, private key d, fixed k: (r, s) as published. Vectors as carried by Bouncy Castle's own
	 * SM2SignerTest (bcgit/bc-java, core/src/test/java/org/bouncycastle/crypto/test/SM2SignerTest.java,
	 * doSignerTestFpDraftSM3), which is the library this signer uses.
	 */
	@Test
	void sm2StandardExample() throws Exception {
		BigInteger p = new BigInteger("8542D69E4C044F18E8B92435BF6FF7DE457283915C45517D722EDB8B08F1DFC3", 16);
		BigInteger a = new BigInteger("787968B4FA32C3FD2417842E73BBFEFF2F3C848B6831D7E0EC65228B3937E498", 16);
		BigInteger b = new BigInteger("63E4C6D3B23B0C849CF84241484BFE48F61D59A5B16BA06E6E12D1DA27C5249A", 16);
		BigInteger n = new BigInteger("8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7", 16);
		BigInteger gx = new BigInteger("421DEBD61B62EAB6746434EBC3CC315E32220B3BADD50BDC4C4E6C147FEDD43D", 16);
		BigInteger gy = new BigInteger("0680512BCBB42C07D47349D2153B70C4E5D7FDFCBFA36EA1A85841B9E46E09A2", 16);
		ECCurve curve = new ECCurve.Fp(p, a, b, n, BigInteger.ONE);
		ECPoint g = curve.createPoint(gx, gy);
		ECDomainParameters domain = new ECDomainParameters(curve, g, n, BigInteger.ONE);
		assertKnownSm2(domain, "ALICE123@YAHOO.COM", "message digest",
				"128B2FA8BD433C6C068C8D803DFF79792A519A55171B1B650C23661D15897263",
				"6CB28D99385C175C94F94E934817663FC176D925DD72B727260DBAAE1FB2F96F",
				"40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1",
				"6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7");
	}

	/**
	 * The same on the curve the installation uses, sm2p256v1 (GB/T 32918.5): the vector of Bouncy Castle's
	 * SM2SignerTest.doSignerTestFpStandardSM3 (same file as above).
	 */
	@Test
	void sm2OnTheRecommendedCurve() throws Exception {
		X9ECParameters x9 = ECNamedCurveTable.getByName("sm2p256v1");
		assertKnownSm2(new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH()), "sm2test@example.com",
				"hi chappy", "110E7973206F68C19EE5F7328C036F26911C8C73B4E4F36AE3291097F8984FFC",
				"3174C6FFC3C279D2422F3FC0A9F3E574674A4490FE45A5325CAF7D3EC4C8F96C",
				"05890B9077B92E47B17A1FF42A814280E556AFD92B4A98B9670BF8B1A274C2FA",
				"E3ABBB8DB2B6ECD9B24ECCEA7F679FB9A4B1DB52F4AA985E443AD73237FA1993");
	}

	private static void assertKnownSm2(ECDomainParameters domain, String id, String message, String d, String k, String r,
			String s) throws Exception {
		ECKeyPairGenerator generator = new ECKeyPairGenerator();
		generator.init(new ECKeyGenerationParameters(domain, new TestRandomBigInteger(d, 16)));
		AsymmetricCipherKeyPair pair = generator.generateKeyPair();
		byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
		byte[] msg = message.getBytes(StandardCharsets.US_ASCII);
		SM2Signer signer = new SM2Signer(new SM3Digest());
		signer.init(true, new ParametersWithID(new ParametersWithRandom(pair.getPrivate(), new TestRandomBigInteger(k, 16)), idBytes));
		signer.update(msg, 0, msg.length);
		byte[] signature = signer.generateSignature();
		ASN1Sequence rs = ASN1Sequence.getInstance(signature);
		assertThat(ASN1Integer.getInstance(rs.getObjectAt(0)).getValue()).isEqualTo(new BigInteger(r, 16));
		assertThat(ASN1Integer.getInstance(rs.getObjectAt(1)).getValue()).isEqualTo(new BigInteger(s, 16));
		SM2Signer verifier = new SM2Signer(new SM3Digest());
		verifier.init(false, new ParametersWithID(pair.getPublic(), idBytes));
		verifier.update(msg, 0, msg.length);
		assertThat(verifier.verifySignature(signature)).isTrue();
		msg[0] ^= 1;
		verifier.init(false, new ParametersWithID(pair.getPublic(), idBytes));
		verifier.update(msg, 0, msg.length);
		assertThat(verifier.verifySignature(signature)).isFalse();
	}

	/** RFC 8032 §7.1, TEST 1 (empty message) and TEST 2 (one byte 0x72), through the JDK's Ed25519. */
	@Test
	void ed25519Rfc8032() throws Exception {
		assertEd25519("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
				"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
				"e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
		assertEd25519("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
				"3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
				"92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
	}

	private static void assertEd25519(String secret, String publicKey, String message, String expected) throws Exception {
		// PKCS#8 and SubjectPublicKeyInfo of RFC 8410 around the raw keys
		byte[] pkcs8 = HEX.parseHex("302e020100300506032b657004220420" + secret);
		byte[] spki = HEX.parseHex("302a300506032b6570032100" + publicKey);
		byte[] msg = HEX.parseHex(message);
		Signature jdk = Signature.getInstance("Ed25519");
		jdk.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
		jdk.update(msg);
		assertThat(HEX.formatHex(jdk.sign())).isEqualTo(expected);
		HeadSigner signer = HeadSigner.fromPkcs8(Suite.ED25519_SHA256, pkcs8, "test");
		assertThat(signer.publicKey().encoded()).isEqualTo(spki);
		assertThat(HEX.formatHex(signer.sign(msg))).isEqualTo(expected);
		assertThat(HeadSigner.verify(Suite.ED25519_SHA256, spki, msg, HEX.parseHex(expected))).isTrue();
		assertThat(HeadSigner.verify(Suite.SM2_SM3, spki, msg, HEX.parseHex(expected))).isFalse();
	}

	// ---------------------------------------------------------------- both suites

	@Test
	void bothSuitesSignHeadsThatVerifyAndNothingElse() {
		for (Suite suite : Suite.values()) {
			HeadSigner signer = HeadSigner.fromPkcs8(suite, HeadSigner.generatePkcs8(suite), "test");
			SignedHead head = signer.sign(new SignedHead("4412", 7, new byte[32], Instant.parse("2026-12-07T04:30:00.123Z"),
					suite, null, null));
			byte[] key = signer.publicKey().encoded();
			assertThat(HeadSigner.suiteOfPublic(key)).isEqualTo(suite);
			assertThat(head.keyId()).isEqualTo(signer.publicKey().keyId()).matches("[0-9a-f]{16}");
			assertThat(HeadSigner.verify(head, key)).isTrue();
			// another root, size, time, or another key: refused
			byte[] root = new byte[32];
			root[31] = 1;
			assertThat(HeadSigner.verify(new SignedHead("4412", 7, root, head.time(), suite, head.keyId(), head.signature()), key)).isFalse();
			assertThat(HeadSigner.verify(new SignedHead("4412", 8, head.root(), head.time(), suite, head.keyId(), head.signature()), key)).isFalse();
			assertThat(HeadSigner.verify(new SignedHead("4412", 7, head.root(), head.time().plusMillis(1), suite, head.keyId(),
					head.signature()), key)).isFalse();
			HeadSigner other = HeadSigner.fromPkcs8(suite, HeadSigner.generatePkcs8(suite), "test");
			assertThat(HeadSigner.verify(head, other.publicKey().encoded())).isFalse();
			// PEM round trip
			assertThat(HeadSigner.fromPem(signer.publicKey().pem(), "PUBLIC KEY")).isEqualTo(key);
		}
	}

	/** SM2 heads are signed with the default user ID 1234567812345678 (GB/T 32918), DER (r,s). */
	@Test
	void sm2UsesTheDefaultUserId() throws Exception {
		HeadSigner signer = HeadSigner.fromPkcs8(Suite.SM2_SM3, HeadSigner.generatePkcs8(Suite.SM2_SM3), "test");
		byte[] message = "wenming.ledger.v1\n".getBytes(StandardCharsets.UTF_8);
		byte[] signature = signer.sign(message);
		assertThat(ASN1Sequence.getInstance(signature).size()).isEqualTo(2);
		ECPublicKeyParameters key = (ECPublicKeyParameters) PublicKeyFactory.createKey(signer.publicKey().encoded());
		SM2Signer verifier = new SM2Signer(new SM3Digest());
		verifier.init(false, new ParametersWithID(key, "1234567812345678".getBytes(StandardCharsets.US_ASCII)));
		verifier.update(message, 0, message.length);
		assertThat(verifier.verifySignature(signature)).isTrue();
		verifier.init(false, new ParametersWithID(key, "ALICE123@YAHOO.COM".getBytes(StandardCharsets.US_ASCII)));
		verifier.update(message, 0, message.length);
		assertThat(verifier.verifySignature(signature)).isFalse();
	}

	@Test
	void checkpointIsTheFixedText() {
		byte[] root = new byte[32];
		root[0] = (byte) 0xff;
		SignedHead head = new SignedHead("4412", 12345, root, Instant.parse("2026-12-07T04:30:00Z"), Suite.SM2_SM3, null, null);
		assertThat(head.checkpoint()).isEqualTo("wenming.ledger.v1\ncity 4412\nsize 12345\nroot /wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
				+ "time 2026-12-07T04:30:00.000Z\nsuite SM2_SM3\n");
		assertThat(new SignedHead("4412", 1, root, Instant.parse("2026-12-07T04:30:00.123456Z"), Suite.ED25519_SHA256, null, null)
			.checkpoint()).contains("time 2026-12-07T04:30:00.123Z\n");
		assertThatThrownBy(() -> new SignedHead("441", 1, root, Instant.now(), Suite.SM2_SM3, null, null))
			.isInstanceOf(IllegalArgumentException.class);
	}

	// ---------------------------------------------------------------- key loading

	private static SigningProperties properties(Path file, String env) {
		return new SigningProperties(file, env, null, null, null, "0 0 * * * *");
	}

	@Test
	void keyFileIsCreatedOnceWithMode600(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("data/ledger-signing.key");
		HeadSigner first = SigningKeys.load(properties(null, null), Suite.ED25519_SHA256, file, name -> null);
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.readString(file)).contains("-----BEGIN PRIVATE KEY-----");
		HeadSigner again = SigningKeys.load(properties(null, null), Suite.ED25519_SHA256, file, name -> null);
		assertThat(again.publicKey().keyId()).isEqualTo(first.publicKey().keyId());
		try (var files = Files.list(file.getParent())) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ledger-signing.key");
		}
	}

	@Test
	void anExternalDatabaseNeedsAConfiguredKey(@TempDir Path dir) {
		assertThatThrownBy(() -> SigningKeys.requireConfiguredKey(properties(null, null), false))
			.hasMessageContaining("wenming.ledger.signing.key-file").hasMessageContaining("external database");
		// the embedded database makes its own; a configured file or variable is enough for an external one
		SigningKeys.requireConfiguredKey(properties(null, null), true);
		SigningKeys.requireConfiguredKey(properties(dir.resolve("k.pem"), null), false);
		SigningKeys.requireConfiguredKey(properties(null, "LEDGER_KEY"), false);
	}

	@Test
	void environmentVariableWinsOverTheFile(@TempDir Path dir) {
		String pem = HeadSigner.pem("PRIVATE KEY", HeadSigner.generatePkcs8(Suite.SM2_SM3));
		HeadSigner fromEnv = SigningKeys.load(properties(dir.resolve("k.pem"), "LEDGER_KEY"), Suite.SM2_SM3, dir.resolve("x"),
				Map.of("LEDGER_KEY", pem)::get);
		assertThat(fromEnv.publicKey().keyId())
			.isEqualTo(HeadSigner.fromPkcs8(Suite.SM2_SM3, HeadSigner.fromPem(pem, "PRIVATE KEY"), "t").publicKey().keyId());
		assertThat(Files.exists(dir.resolve("k.pem"))).isFalse();
		assertThatThrownBy(() -> SigningKeys.load(properties(null, "LEDGER_KEY"), Suite.SM2_SM3, dir.resolve("x"), name -> null))
			.hasMessageContaining("wenming.ledger.signing.key-env");
	}

	@Test
	void aKeyOfTheWrongAlgorithmStopsTheStartNamingTheSetting(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("ledger-signing.key");
		Files.writeString(file, HeadSigner.pem("PRIVATE KEY", HeadSigner.generatePkcs8(Suite.ED25519_SHA256)));
		assertThatThrownBy(() -> SigningKeys.load(properties(file, null), Suite.SM2_SM3, dir.resolve("x"), name -> null))
			.hasMessageContaining("wenming.ledger.signing.key-file")
			.hasMessageContaining("ED25519_SHA256")
			.hasMessageContaining("SM2_SM3");
		// an RSA-free world: an EC key on another curve (P-256) is not an SM2 key either
		java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
		ec.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
		Files.writeString(file, HeadSigner.pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded()));
		assertThatThrownBy(() -> SigningKeys.load(properties(file, null), Suite.SM2_SM3, dir.resolve("x"), name -> null))
			.hasMessageContaining("wenming.ledger.signing.key-file");
		Files.writeString(file, "not a key");
		assertThatThrownBy(() -> SigningKeys.load(properties(file, null), Suite.ED25519_SHA256, dir.resolve("x"), name -> null))
			.hasMessageContaining("wenming.ledger.signing.key-file");
	}

	@Test
	void settingsAreChecked() {
		assertThatThrownBy(() -> new SigningProperties(null, null, null, null, null, "hourly"))
			.hasMessageContaining("wenming.ledger.signing.head-cron");
		assertThatThrownBy(() -> new SigningProperties(null, "A B", null, null, null, "0 0 * * * *"))
			.hasMessageContaining("wenming.ledger.signing.key-env");
		assertThatThrownBy(() -> new SigningProperties(null, null, Path.of("/etc/pkcs11.cfg"), null, null, "0 0 * * * *"))
			.hasMessageContaining("wenming.ledger.signing.pkcs11-alias");
	}
}
