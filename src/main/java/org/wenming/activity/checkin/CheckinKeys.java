package org.wenming.activity.checkin;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenming.platform.DatabaseProperties;
import org.wenming.platform.KeyFiles;

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
		Properties stored = KeyFiles.loadOrCreate(file, () -> {
			Properties keys = new Properties();
			keys.setProperty("secret", KeyFiles.randomKey(new SecureRandom()));
			return keys;
		}, "Wenming check-in QR key. Losing it only invalidates the codes on screen now.");
		String secret = stored.getProperty("secret");
		if (secret == null) {
			throw new IllegalStateException("the check-in key file " + file + " has no secret");
		}
		return secret;
	}
}
