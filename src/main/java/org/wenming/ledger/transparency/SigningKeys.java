package org.wenming.ledger.transparency;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenming.platform.DatabaseProperties;

/**
 * Loads the key that signs tree heads: from the environment variable named by {@code wenming.ledger.signing.key-env},
 * else from a PKCS#11 token ({@code pkcs11-config}, {@code pkcs11-alias}), else from {@code key-file} (created with a
 * new key on the first start). The key id is logged, never the key.
 */
@Configuration(proxyBeanMethods = false)
class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	static final String FILE = "ledger-signing.key";

	@Bean
	HeadSigner headSigner(SigningProperties properties, DatabaseProperties database, LedgerTree tree) {
		requireConfiguredKey(properties, database.embedded());
		HeadSigner signer = load(properties, tree.suite(), database.embeddedDirectory().resolve("keys").resolve(FILE), System::getenv);
		log.info("Tree heads are signed with the {} key {}", signer.suite(), signer.publicKey().keyId());
		return signer;
	}

	/**
	 * Like the check-in and personal-data keys, a signing key is generated for the embedded database only: with an
	 * external one several nodes may start at once, each would make its own key, and witnesses would see heads by
	 * several keys.
	 */
	static void requireConfiguredKey(SigningProperties properties, boolean embeddedDatabase) {
		if (!embeddedDatabase && properties.keyEnv() == null && properties.pkcs11Config() == null
				&& properties.keyFile() == null) {
			throw new IllegalStateException("wenming.ledger.signing.key-file (or key-env, or pkcs11-config) is required "
					+ "with an external database: every node must sign tree heads with the same key");
		}
	}

	static HeadSigner load(SigningProperties properties, Suite suite, Path defaultFile, Function<String, String> env) {
		if (properties.keyEnv() != null) {
			String setting = "wenming.ledger.signing.key-env (" + properties.keyEnv() + ")";
			String pem = env.apply(properties.keyEnv());
			if (pem == null || pem.isBlank()) {
				throw new IllegalStateException(setting + ": the environment variable is not set");
			}
			return HeadSigner.fromPkcs8(suite, pemToDer(pem, setting), setting);
		}
		if (properties.pkcs11Config() != null) {
			return pkcs11(properties, suite, env);
		}
		Path file = properties.keyFile() != null ? properties.keyFile() : defaultFile;
		String setting = "wenming.ledger.signing.key-file (" + file + ")";
		try {
			if (!Files.exists(file)) {
				create(file, suite);
			}
			return HeadSigner.fromPkcs8(suite, pemToDer(Files.readString(file, StandardCharsets.US_ASCII), setting), setting);
		}
		catch (IOException ex) {
			throw new IllegalStateException(setting + ": cannot read or create the key file", ex);
		}
	}

	private static byte[] pemToDer(String pem, String setting) {
		try {
			return HeadSigner.fromPem(pem, "PRIVATE KEY");
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(setting + ": not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)");
		}
	}

	/** A new key, written to a temporary file of mode 600 and linked into place (never half a file, never over a key). */
	private static void create(Path file, Suite suite) throws IOException {
		Path folder = file.toAbsolutePath().getParent();
		Files.createDirectories(folder);
		Path temp = Files.createTempFile(folder, ".ledger-signing", ".tmp");
		try {
			try {
				Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException notPosix) {
				// Windows: the file inherits the data folder's access rules
			}
			Files.writeString(temp, "# Wenming: the key that signs the ledger's tree heads (" + suite
					+ "). Every node needs the same key; losing it means a new key witnesses must be told of.\n"
					+ HeadSigner.pem("PRIVATE KEY", HeadSigner.generatePkcs8(suite)), StandardCharsets.US_ASCII);
			try {
				// a hard link never replaces an existing file (a rename would, on Linux): two nodes starting together
				// on shared storage keep the first key
				Files.createLink(file, temp);
			}
			catch (FileAlreadyExistsException anotherStartWasFaster) {
				return;
			}
			catch (UnsupportedOperationException | IOException noHardLinks) {
				if (Files.exists(file)) {
					return;
				}
				Files.move(temp, file);
			}
			log.info("A new {} key for signing tree heads was generated in {} (keep it with the data folder)", suite, file);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	private static HeadSigner pkcs11(SigningProperties properties, Suite suite, Function<String, String> env) {
		String setting = "wenming.ledger.signing.pkcs11-config (" + properties.pkcs11Config() + ") / pkcs11-alias ("
				+ properties.pkcs11Alias() + ")";
		Provider base = Security.getProvider("SunPKCS11");
		if (base == null) {
			throw new IllegalStateException(setting + ": this Java runtime has no SunPKCS11 provider");
		}
		try {
			Provider provider = base.configure(properties.pkcs11Config().toString());
			char[] pin = null;
			if (properties.pkcs11PinEnv() != null) {
				String value = env.apply(properties.pkcs11PinEnv());
				pin = value == null ? null : value.toCharArray();
			}
			KeyStore store = KeyStore.getInstance("PKCS11", provider);
			try (InputStream none = null) {
				store.load(none, pin);
			}
			if (!(store.getKey(properties.pkcs11Alias(), pin) instanceof PrivateKey key)) {
				throw new IllegalStateException(setting + ": the token has no private key of that alias");
			}
			Certificate certificate = store.getCertificate(properties.pkcs11Alias());
			if (certificate == null) {
				throw new IllegalStateException(setting + ": the token has no certificate (public key) of that alias");
			}
			return HeadSigner.fromProvider(suite, key, certificate.getPublicKey(), provider, setting);
		}
		catch (GeneralSecurityException | IOException | RuntimeException ex) {
			if (ex instanceof IllegalStateException ise && ise.getMessage() != null && ise.getMessage().startsWith(setting)) {
				throw ise;
			}
			throw new IllegalStateException(setting + ": cannot use the PKCS#11 token (" + ex.getMessage() + ")", ex);
		}
	}
}
