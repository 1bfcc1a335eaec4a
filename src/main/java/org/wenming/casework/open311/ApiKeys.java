package org.wenming.casework.open311;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.SecretTokens;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * Open311 API keys: issued by staff and shown once (32 random bytes, base64url), kept only as
 * their SHA-256; a revoked key stops working on the next request, since every POST looks its key up.
 */
@Service
@org.springframework.boot.context.properties.EnableConfigurationProperties(Open311Properties.class)
public class ApiKeys {

	private final JdbcClient jdbc;

	private final Open311Properties properties;

	private final Clock clock;

	ApiKeys(JdbcClient jdbc, Open311Properties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/** A key as the list shows it: never the key itself, only its first characters. */
	public record ApiKey(long id, String name, String prefix, OffsetDateTime createdAt, String createdBy,
			OffsetDateTime revokedAt, String revokedBy) {

		boolean active() {
			return revokedAt == null;
		}
	}

	/** A key just issued: {@code key} is shown this once. */
	public record IssuedKey(long id, String name, String prefix, String key) {
	}

	/** The key a POST came with, once it is known to be issued and not revoked. */
	record Caller(long id, String prefix) {
	}

	/** SYSTEM_ADMIN or the city-level office: keys open the whole city's Open311 intake. */
	static boolean mayManage(ScopedUser user) {
		if (user == null) {
			return false;
		}
		return user.hasRole(Roles.SYSTEM_ADMIN) || (user.hasRole(Roles.OFFICE_STAFF)
				&& (user.scope().isEverything() || user.scope().path().split("\\.").length <= 2));
	}

	IssuedKey issue(String name, ScopedUser by) {
		String clean = name == null ? "" : name.strip();
		if (clean.isEmpty() || clean.length() > 100) {
			throw new InvalidInputException("name", "open311.keys.name.length");
		}
		if (clean.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputException("name", "open311.keys.name.invalid");
		}
		String key = SecretTokens.random(32);
		String prefix = key.substring(0, 8);
		long id = jdbc.sql("""
				insert into open311_api_key (name, key_hash, key_prefix, created_by)
				values (:name, :hash, :prefix, :by) returning id""")
				.param("name", clean).param("hash", SecretTokens.sha256(key)).param("prefix", prefix)
				.param("by", by.username()).query(Long.class).single();
		return new IssuedKey(id, clean, prefix, key);
	}

	/** @return false when there is no such key or it was revoked already */
	boolean revoke(long id, ScopedUser by) {
		return jdbc.sql("""
				update open311_api_key set revoked_at = now(), revoked_by = :by
				where id = :id and revoked_at is null""").param("by", by.username()).param("id", id).update() == 1;
	}

	Optional<ApiKey> find(long id) {
		return jdbc.sql("select * from open311_api_key where id = :id").param("id", id).query(ApiKeys::key)
				.optional();
	}

	/** Active keys first, newest first. */
	List<ApiKey> list() {
		return jdbc.sql("""
				select * from open311_api_key order by revoked_at is not null, created_at desc, id desc limit 500""")
				.query(ApiKeys::key).list();
	}

	/** The active key this text is, if any. Keys are 43 characters; anything else is not one. */
	Optional<Caller> authenticate(String key) {
		if (key == null || key.isEmpty() || key.length() > 64) {
			return Optional.empty();
		}
		return jdbc.sql("select id, key_prefix from open311_api_key where key_hash = :hash and revoked_at is null")
				.param("hash", SecretTokens.sha256(key)).query((rs, n) -> new Caller(rs.getLong(1), rs.getString(2))).optional();
	}

	/**
	 * Counts one POST for the key; false when the key has used up this minute's allowance. One upsert on
	 * {@code open311_post_window}, so the nodes behind the balancer count the same minute together.
	 */
	boolean allowPost(long keyId) {
		int limit = properties.postsPerMinute();
		if (limit == 0) {
			return true;
		}
		Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
		int posts = jdbc.sql("""
				insert into open311_post_window (key_id, window_start, posts) values (:key, :minute, 1)
				on conflict (key_id, window_start) do update set posts = open311_post_window.posts + 1
				returning posts""").param("key", keyId).param("minute", Timestamp.from(minute))
			.query(Integer.class).single();
		return posts <= limit;
	}

	private static ApiKey key(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new ApiKey(rs.getLong("id"), rs.getString("name"), rs.getString("key_prefix"), time(rs, "created_at"),
				rs.getString("created_by"), time(rs, "revoked_at"), rs.getString("revoked_by"));
	}

	private static OffsetDateTime time(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.atZoneSameInstant(CityTime.ZONE).toOffsetDateTime();
	}
}
