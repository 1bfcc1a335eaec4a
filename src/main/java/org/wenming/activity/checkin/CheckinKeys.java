package org.wenming.activity.checkin;

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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenming.platform.DatabaseProperties;

/**
 * Where the QR-token key comes from, kept like the personal-data keys: a configured
 * {@code wenming.checkin.secret} wins; with the embedded database Wenming generates one on first
 * start into {@code <data folder>/keys/checkin.properties} (owner-only) and reuses it, so codes
 * stay valid across a restart; with an external database it refuses to start without one, since
 * a key generated on one node would refuse codes shown by another.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CheckinProperties.class)
class CheckinKeys {

	private static final Logger log = LoggerFactory.getLogger(CheckinKeys.class);

	static final String FILE = "keys/checkin.properties";

	@Bean
	CheckinTokens checkinTokens(CheckinProperties properties, DatabaseProperties database) {
		String secret = properties.secret();
		if (secret == null || secret.isBlank()) {
			if (!database.embedded()) {
				throw new IllegalStateException("""
						No check-in key is configured. With an external database (wenming.db.url) set
						wenming.checkin.secret (base64 of 32 random bytes), e.g. as WENMING_CHECKIN_SECRET.""");
			}
			secret = loadOrCreate(database.embeddedDirectory().resolve(FILE));
		}
		return new CheckinTokens(decode(secret), properties.codePeriod().toSeconds());
	}

	static byte[] decode(String secret) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(secret.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("wenming.checkin.secret must be base64");
		}
		if (key.length < 32) {
			throw new IllegalArgumentException("wenming.checkin.secret must hold at least 32 bytes");
		}
		return key;
	}

	static String loadOrCreate(Path file) {
		try {
			if (!Files.exists(file)) {
				create(file);
			}
			Properties stored = new Properties();
			try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				stored.load(in);
			}
			String secret = stored.getProperty("secret");
			if (secret == null) {
				throw new IllegalStateException("the check-in key file " + file + " has no secret");
			}
			return secret;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read or create the check-in key file " + file, ex);
		}
	}

	private static void create(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		Properties keys = new Properties();
		keys.setProperty("secret", Base64.getEncoder().encodeToString(bytes));
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
			keys.store(out, "Wenming check-in QR key. Losing it only invalidates the codes on screen now.");
		}
		log.info("The check-in QR key was generated in {}", file);
	}
}
