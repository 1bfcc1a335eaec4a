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
 */
@ConfigurationProperties("wenming.db")
public record DatabaseProperties(
		@DefaultValue("") String url,
		@DefaultValue("") String username,
		@DefaultValue("") String password,
		@DefaultValue("wenming-data") Path embeddedDirectory,
		@DefaultValue("0") int embeddedPort,
		@DefaultValue("false") boolean embeddedFresh,
		@DefaultValue("true") boolean embeddedDurable) {

	public boolean embedded() {
		return url == null || url.isBlank();
	}
}
