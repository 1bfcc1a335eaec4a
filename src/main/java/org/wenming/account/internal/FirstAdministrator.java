package org.wenming.account.internal;

import java.security.SecureRandom;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.shared.Roles;

/**
 * On the very first start there is nobody to sign in: create the system administrator and print
 * the login once on the console. The password is random unless {@code WENMING_ADMIN_PASSWORD}
 * gives one; it is never printed or logged again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class FirstAdministrator implements ApplicationRunner {

	static final String USERNAME = "admin";

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

	private final JdbcClient jdbc;

	private final PasswordEncoder encoder;

	private final Environment environment;

	FirstAdministrator(JdbcClient jdbc, PasswordEncoder encoder, Environment environment) {
		this.jdbc = jdbc;
		this.encoder = encoder;
		this.environment = environment;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		jdbc.sql("select pg_advisory_xact_lock(4412002)").query(Object.class).list();
		if (jdbc.sql("select count(*) from app_user").query(Long.class).single() > 0) {
			return;
		}
		String given = environment.getProperty("WENMING_ADMIN_PASSWORD", "");
		String password = given.isBlank() ? randomPassword() : given;
		String root = jdbc.sql("select code from published_region where level = 1 order by code limit 1").query(String.class)
				.single();
		long id = jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:username, :name, :hash, :region) returning id""")
				.param("username", USERNAME).param("name", "系统管理员").param("hash", encoder.encode(password))
				.param("region", root).query(Long.class).single();
		jdbc.sql("insert into user_role (user_id, role) values (:id, :role)").param("id", id)
				.param("role", Roles.SYSTEM_ADMIN).update();
		System.out.println();
		System.out.println("  First start: the system administrator has been created.");
		System.out.println("    username: " + USERNAME);
		System.out.println("    password: " + (given.isBlank() ? password : "(the one in WENMING_ADMIN_PASSWORD)"));
		System.out.println("  This password is shown only now. Sign in and change it.");
		System.out.println();
	}

	private static String randomPassword() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}
}
