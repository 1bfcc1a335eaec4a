package org.wenming.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A streaming read replica of the primary, for the reads that tolerate a few seconds of lag
 * ({@link ReplicaReads}). With no {@code url} every read goes to the primary.
 *
 * @param url JDBC URL of a hot standby of the primary (env {@code WENMING_DB_REPLICA_URL}); empty means none
 * @param username user on the replica (env {@code WENMING_DB_REPLICA_USER}); empty means the primary's user and password
 * @param password password on the replica (env {@code WENMING_DB_REPLICA_PASSWORD}), used with {@code username}
 * @param poolSize connections (1 to 100) of the replica's pool, and of the read-only pool on the primary that
 *        serves the same reads while the replica is unreachable or behind
 * @param maxLag replay lag beyond which the reads go to the primary (1 s to 1 h)
 * @param checkInterval how often the replica's state and lag are read (100 ms to 5 min); reads are routed by
 *        the last check, not by a query per read
 */
@ConfigurationProperties("wenming.db.replica")
public record ReplicaProperties(
		@DefaultValue("") String url,
		@DefaultValue("") String username,
		@DefaultValue("") String password,
		@DefaultValue("10") int poolSize,
		@DefaultValue("30s") Duration maxLag,
		@DefaultValue("5s") Duration checkInterval) {

	public ReplicaProperties {
		if (url != null && !url.isBlank() && !url.startsWith("jdbc:postgresql:")) {
			throw new IllegalArgumentException("wenming.db.replica.url must be a PostgreSQL JDBC URL (jdbc:postgresql://…)");
		}
		if (poolSize < 1 || poolSize > 100) {
			throw new IllegalArgumentException("wenming.db.replica.pool-size must be between 1 and 100");
		}
		if (maxLag == null || maxLag.compareTo(Duration.ofSeconds(1)) < 0 || maxLag.compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException("wenming.db.replica.max-lag must be between 1s and 1h");
		}
		if (checkInterval == null || checkInterval.compareTo(Duration.ofMillis(100)) < 0
				|| checkInterval.compareTo(Duration.ofMinutes(5)) > 0) {
			throw new IllegalArgumentException("wenming.db.replica.check-interval must be between 100ms and 5m");
		}
	}

	public boolean configured() {
		return url != null && !url.isBlank();
	}
}
