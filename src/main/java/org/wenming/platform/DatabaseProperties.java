package org.wenming.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the data lives. With no {@code url}, Wenming runs its own PostgreSQL 17 whose files stay in
 * {@code embeddedDirectory} across restarts.
 *
 * @param url JDBC URL of an external PostgreSQL (env {@code WENMING_DB_URL}); empty means embedded
 * @param username user for the external database (env {@code WENMING_DB_USER})
 * @param password password for the external database (env {@code WENMING_DB_PASSWORD})
 * @param embeddedDirectory data folder of the embedded PostgreSQL (env {@code WENMING_DATA_DIR})
 * @param embeddedPort port of the embedded PostgreSQL on 127.0.0.1; 0 picks a free one
 * @param embeddedFresh wipe the embedded data folder before starting (tests only)
 * @param embeddedDurable fsync and synchronous commit on (off only for throw-away test data)
 * @param keyLookupPoolSize connections of the pool for the hot keyed statements ({@link KeyLookups}: the
 *        check-in scan), 1 to 100; with fewer than the request threads they queue for it under load
 * @param embeddedMaxConnections the embedded PostgreSQL's {@code max_connections}, 20 to 1000 (one node holds
 *        up to 20 + the key-lookup pool; the test suite's shared server serves many contexts)
 */
@ConfigurationProperties("wenming.db")
public record DatabaseProperties(
		@DefaultValue("") String url,
		@DefaultValue("") String username,
		@DefaultValue("") String password,
		@DefaultValue("wenming-data") Path embeddedDirectory,
		@DefaultValue("0") int embeddedPort,
		@DefaultValue("false") boolean embeddedFresh,
		@DefaultValue("true") boolean embeddedDurable,
		@DefaultValue("24") int keyLookupPoolSize,
		@DefaultValue("100") int embeddedMaxConnections) {

	public DatabaseProperties {
		if (keyLookupPoolSize < 1 || keyLookupPoolSize > 100) {
			throw new IllegalArgumentException("wenming.db.key-lookup-pool-size must be between 1 and 100");
		}
		if (embeddedMaxConnections < 20 || embeddedMaxConnections > 1000) {
			throw new IllegalArgumentException("wenming.db.embedded-max-connections must be between 20 and 1000");
		}
	}

	public boolean embedded() {
		return url == null || url.isBlank();
	}
}
