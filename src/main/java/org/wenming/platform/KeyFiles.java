package org.wenming.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets Wenming makes for itself when it runs on the embedded database and none are configured:
 * a properties file in the data folder, readable by its owner only, written once (a second start
 * racing the first keeps the first's) and read on every start after.
 */
public final class KeyFiles {

	private static final Logger log = LoggerFactory.getLogger(KeyFiles.class);

	private KeyFiles() {
	}

	/**
	 * @param file where the keys live
	 * @param generate the keys to write when the file does not exist yet
	 * @param comment the file's first line: what the keys are and what losing them means
	 * @return the keys in the file
	 */
	public static Properties loadOrCreate(Path file, Supplier<Properties> generate, String comment) {
		try {
			if (!Files.exists(file)) {
				create(file, generate.get(), comment);
			}
			Properties stored = new Properties();
			try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				stored.load(in);
			}
			return stored;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read or create the key file " + file, ex);
		}
	}

	/** Base64 of 32 random bytes: an AES-256 or HMAC-SHA256 key. */
	public static String randomKey(SecureRandom random) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static void create(Path file, Properties keys, String comment) throws IOException {
		Files.createDirectories(file.getParent());
		try {
			Files.createFile(file);
		}
		catch (FileAlreadyExistsException anotherStartWasFaster) {
			return;
		}
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException notPosix) {
			// Windows: the file inherits the data folder's access rules
		}
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
			keys.store(out, comment);
		}
		log.info("Keys were generated in {} (keep this file with the data folder)", file);
	}
}
