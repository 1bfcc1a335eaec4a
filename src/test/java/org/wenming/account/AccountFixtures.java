package org.wenming.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Real users in the shared database, under names no other test uses. */
public final class AccountFixtures {

	public static final String PASSWORD = "Correct-horse-42";

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private final JdbcClient jdbc;

	private final PasswordEncoder encoder;

	public AccountFixtures(JdbcClient jdbc, PasswordEncoder encoder) {
		this.jdbc = jdbc;
		this.encoder = encoder;
	}

	/** A name unique in this JVM and across runs of the shared database. */
	public static String unique(String prefix) {
		return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-" + SEQUENCE.incrementAndGet();
	}

	public long user(String username, String regionCode, String... roles) {
		return user(username, regionCode, Instant.now(), roles);
	}

	public long user(String username, String regionCode, Instant passwordChangedAt, String... roles) {
		long id = jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code, password_changed_at)
				values (:username, :name, :hash, :region, :changed) returning id""")
				.param("username", username).param("name", "测试 " + username).param("hash", encoder.encode(PASSWORD))
				.param("region", regionCode).param("changed", Timestamp.from(passwordChangedAt))
				.query(Long.class).single();
		for (String role : roles) {
			jdbc.sql("insert into user_role (user_id, role) values (:id, :role)").param("id", id).param("role", role)
					.update();
		}
		return id;
	}

	public int events(String type, String username) {
		return jdbc.sql("""
				select count(*) from security_event
				where type = :type and (actor_username = :username or target_username = :username)""")
				.param("type", type).param("username", username).query(Integer.class).single();
	}

	public int userCount() {
		return jdbc.sql("select count(*) from app_user").query(Integer.class).single();
	}

	public static RequestPostProcessor from(String ip) {
		return request -> {
			request.setRemoteAddr(ip);
			return request;
		};
	}
}
