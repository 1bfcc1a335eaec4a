package org.wenming.ledger.transparency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * Signs checkpoints with the installation's key and verifies heads: Ed25519 through the JDK
 * ({@code Signature.getInstance("Ed25519")}), SM2 with SM3 through Bouncy Castle's lightweight {@link SM2Signer}
 * (GB/T 32918.2, default user ID {@code 1234567812345678}, signature DER-encoded (r,s), curve sm2p256v1). Keys are
 * PKCS#8 PEM ("PRIVATE KEY") and SubjectPublicKeyInfo PEM ("PUBLIC KEY"); an SM2 key is an EC key on the named
 * curve sm2p256v1 (OID 1.2.156.10197.1.301), as OpenSSL and GmSSL write it.
 *
 * <p>Used without Spring by the witness too: everything static here needs no application.
 */
public final class HeadSigner {

	private static final ECNamedDomainParameters SM2_CURVE = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1,
			GMNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1));

	private static final SecureRandom RANDOM = new SecureRandom();

	/** id-Ed25519, RFC 8410. */
	private static final ASN1ObjectIdentifier ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

	/** Signs bytes; thread-safe. */
	@FunctionalInterface
	interface Signing {
		byte[] sign(byte[] message) throws GeneralSecurityException, CryptoException;
	}

	private final Suite suite;

	private final PublicKeyInfo publicKey;

	private final Signing signing;

	private HeadSigner(Suite suite, byte[] publicKeyDer, Signing signing) {
		this.suite = suite;
		this.publicKey = publicKeyInfo(suite, publicKeyDer);
		this.signing = signing;
	}

	public Suite suite() {
		return suite;
	}

	public PublicKeyInfo publicKey() {
		return publicKey;
	}

	/** The signature of {@code message}. */
	public byte[] sign(byte[] message) {
		try {
			return signing.sign(message);
		}
		catch (GeneralSecurityException | CryptoException ex) {
			throw new IllegalStateException("signing a tree head failed", ex);
		}
	}

	/** A head signed by this key. */
	public SignedHead sign(SignedHead unsigned) {
		if (unsigned.suite() != suite) {
			throw new IllegalArgumentException("the key signs " + suite + " heads, not " + unsigned.suite());
		}
		return unsigned.withSignature(publicKey.keyId(), sign(unsigned.signedBytes()));
	}

	// ---------------------------------------------------------------- keys

	/**
	 * A signer from a PKCS#8 private key.
	 *
	 * @param setting the setting the key came from, named when the key does not fit the suite
	 */
	public static HeadSigner fromPkcs8(Suite suite, byte[] pkcs8, String setting) {
		PrivateKeyInfo info;
		AsymmetricKeyParameter key;
		try {
			info = PrivateKeyInfo.getInstance(pkcs8);
			key = PrivateKeyFactory.createKey(info);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException(setting + ": not a PKCS#8 private key (" + ex.getMessage() + ")", ex);
		}
		Suite found = suiteOf(info.getPrivateKeyAlgorithm().getAlgorithm(), key);
		if (found != suite) {
			throw new IllegalStateException(setting + " holds " + (found == null ? "a key of another algorithm" : "a key for " + found)
					+ ", but the installation's suite (wenming.ledger.tree.suite) is " + suite);
		}
		try {
			if (suite == Suite.ED25519_SHA256) {
				byte[] publicDer = SubjectPublicKeyInfoFactory
					.createSubjectPublicKeyInfo(((Ed25519PrivateKeyParameters) key).generatePublicKey()).getEncoded();
				PrivateKey jdkKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
				return new HeadSigner(suite, publicDer, message -> {
					Signature signature = Signature.getInstance("Ed25519");
					signature.initSign(jdkKey);
					signature.update(message);
					return signature.sign();
				});
			}
			ECPrivateKeyParameters sm2 = (ECPrivateKeyParameters) key;
			ECPrivateKeyParameters named = new ECPrivateKeyParameters(sm2.getD(), SM2_CURVE);
			ECPublicKeyParameters publicKey = new ECPublicKeyParameters(SM2_CURVE.getG().multiply(sm2.getD()).normalize(),
					SM2_CURVE);
			byte[] publicDer = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey).getEncoded();
			return new HeadSigner(suite, publicDer, message -> {
				SM2Signer signer = new SM2Signer();
				signer.init(true, new ParametersWithRandom(named, RANDOM));
				signer.update(message, 0, message.length);
				return signer.generateSignature();
			});
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(setting + ": the key cannot be used (" + ex.getMessage() + ")", ex);
		}
	}

	/**
	 * A signer whose private key stays in a JCA provider (a PKCS#11 token through SunPKCS11): Ed25519 only, the JDK's
	 * providers do not know SM2.
	 */
	static HeadSigner fromProvider(Suite suite, PrivateKey key, PublicKey publicKey, Provider provider, String setting) {
		if (suite != Suite.ED25519_SHA256) {
			throw new IllegalStateException(setting + ": a PKCS#11 key signs Ed25519 heads only (the JDK's SunPKCS11 has no SM2);"
					+ " with the suite " + suite + " use wenming.ledger.signing.key-file or key-env");
		}
		byte[] publicDer = publicKey.getEncoded();
		Suite found = suiteOfPublic(publicDer);
		if (found != suite) {
			throw new IllegalStateException(setting + " holds a key that is not " + suite);
		}
		try {
			Signature.getInstance("Ed25519", provider);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(setting + ": the PKCS#11 provider cannot sign Ed25519 (" + ex.getMessage() + ")", ex);
		}
		HeadSigner signer = new HeadSigner(suite, publicDer, message -> {
			Signature signature = Signature.getInstance("Ed25519", provider);
			signature.initSign(key);
			signature.update(message);
			return signature.sign();
		});
		byte[] probe = "wenming.ledger key check".getBytes(StandardCharsets.US_ASCII);
		if (!verify(suite, publicDer, probe, signer.sign(probe))) {
			throw new IllegalStateException(setting + ": the token's private key does not match its certificate's public key");
		}
		return signer;
	}

	/** A new private key of the suite, PKCS#8 DER. */
	public static byte[] generatePkcs8(Suite suite) {
		try {
			if (suite == Suite.ED25519_SHA256) {
				return java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
			}
			ECKeyPairGenerator generator = new ECKeyPairGenerator();
			generator.init(new ECKeyGenerationParameters(SM2_CURVE, RANDOM));
			AsymmetricCipherKeyPair pair = generator.generateKeyPair();
			return PrivateKeyInfoFactory.createPrivateKeyInfo(pair.getPrivate()).getEncoded();
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("cannot generate a " + suite + " key", ex);
		}
	}

	// ---------------------------------------------------------------- verification

	/** Whether {@code head} is signed by the key {@code publicKeyDer} (SubjectPublicKeyInfo) of its suite. */
	public static boolean verify(SignedHead head, byte[] publicKeyDer) {
		return head.keyId() != null && head.keyId().equals(keyId(publicKeyDer))
				&& verify(head.suite(), publicKeyDer, head.signedBytes(), head.signature());
	}

	/** Whether {@code signature} over {@code message} verifies with the key, which must be of the suite. */
	public static boolean verify(Suite suite, byte[] publicKeyDer, byte[] message, byte[] signature) {
		if (suiteOfPublic(publicKeyDer) != suite) {
			return false;
		}
		try {
			if (suite == Suite.ED25519_SHA256) {
				PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(publicKeyDer));
				Signature verifier = Signature.getInstance("Ed25519");
				verifier.initVerify(key);
				verifier.update(message);
				return verifier.verify(signature);
			}
			ECPublicKeyParameters key = (ECPublicKeyParameters) PublicKeyFactory.createKey(publicKeyDer);
			SM2Signer verifier = new SM2Signer();
			verifier.init(false, key);
			verifier.update(message, 0, message.length);
			return verifier.verifySignature(signature);
		}
		catch (GeneralSecurityException | IOException | RuntimeException ex) {
			return false;
		}
	}

	/** The suite a SubjectPublicKeyInfo belongs to, null for any other key. */
	public static Suite suiteOfPublic(byte[] publicKeyDer) {
		try {
			SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(publicKeyDer);
			return suiteOf(info.getAlgorithm().getAlgorithm(), PublicKeyFactory.createKey(info));
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static Suite suiteOf(ASN1ObjectIdentifier algorithm, AsymmetricKeyParameter key) {
		if (ED25519.equals(algorithm)) {
			return Suite.ED25519_SHA256;
		}
		if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm) || GMObjectIdentifiers.sm2p256v1.equals(algorithm)) {
			ECDomainParameters domain = key instanceof ECPrivateKeyParameters p ? p.getParameters()
					: key instanceof ECPublicKeyParameters p ? p.getParameters() : null;
			if (domain != null && domain.getCurve().equals(SM2_CURVE.getCurve()) && domain.getG().equals(SM2_CURVE.getG())) {
				return Suite.SM2_SM3;
			}
		}
		return null;
	}

	/** Lowercase hex of the first 8 bytes of SHA-256 of the SubjectPublicKeyInfo DER. */
	public static String keyId(byte[] publicKeyDer) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKeyDer);
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/** The public key's description, for publication. */
	public static PublicKeyInfo publicKeyInfo(Suite suite, byte[] publicKeyDer) {
		return new PublicKeyInfo(suite, keyId(publicKeyDer), pem("PUBLIC KEY", publicKeyDer), publicKeyDer);
	}

	// ---------------------------------------------------------------- PEM

	private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

	/** DER as PEM with 64-character lines and a final newline. */
	public static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(der) + "\n-----END " + type + "-----\n";
	}

	/** The DER inside the first PEM block of {@code type}; an IllegalArgumentException when there is none. */
	public static byte[] fromPem(String text, String type) {
		Matcher m = PEM.matcher(text == null ? "" : text.replace("\\n", "\n"));
		while (m.find()) {
			if (m.group(1).equals(type)) {
				return Base64.getMimeDecoder().decode(m.group(2));
			}
		}
		throw new IllegalArgumentException("no PEM block \"" + type + "\"");
	}
}
