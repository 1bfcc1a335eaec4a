package org.wenming.volunteer.internal;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenming.platform.DatabaseProperties;
import org.wenming.platform.KeyFiles;

/**
 * Where the personal-data keys come from. Configured keys win. With the embedded database and no
 * keys, Wenming makes its own on first start in {@code <data folder>/keys/personal-data.properties}
 * (owner-only) and reuses them: the keys then live and travel with the data they protect, never
 * inside the database. With an external database and no keys it refuses to start, because keys
 * generated on one node would not decrypt another node's rows.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PersonalDataProperties.class)
class PersonalDataKeys {

	static final String FILE = "keys/personal-data.properties";

	@Bean
	PersonalDataCipher personalDataCipher(PersonalDataProperties configured, DatabaseProperties database) {
		if (!configured.isEmpty()) {
			return new PersonalDataCipher(configured);
		}
		if (!database.embedded()) {
			throw new IllegalStateException("""
					No personal-data keys are configured. With an external database (wenming.db.url) set
					wenming.personal-data.keys.<keyId> (base64 of 32 random bytes), wenming.personal-data.active-key
					(that keyId) and wenming.personal-data.hash-key (base64 of 32 random bytes), e.g. as
					WENMING_PERSONALDATA_KEYS_K1, WENMING_PERSONALDATA_ACTIVEKEY, WENMING_PERSONALDATA_HASHKEY.""");
		}
		return new PersonalDataCipher(loadOrCreate(database.embeddedDirectory().resolve(FILE)));
	}

	static PersonalDataProperties loadOrCreate(Path file) {
		Properties stored = KeyFiles.loadOrCreate(file, () -> {
			SecureRandom random = new SecureRandom();
			Properties keys = new Properties();
			keys.setProperty("keys.k1", KeyFiles.randomKey(random));
			keys.setProperty("active-key", "k1");
			keys.setProperty("hash-key", KeyFiles.randomKey(random));
			return keys;
		}, "Wenming personal-data keys. Back up with the data; losing them loses every ID and phone number.");
		Map<String, String> keys = new HashMap<>();
		for (String name : stored.stringPropertyNames()) {
			if (name.startsWith("keys.")) {
				keys.put(name.substring(5), stored.getProperty(name));
			}
		}
		return new PersonalDataProperties(keys, stored.getProperty("active-key"), stored.getProperty("hash-key"));
	}
}
