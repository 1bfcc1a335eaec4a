package org.wenming.casework;

import java.math.BigDecimal;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;

/** Real accounts, units and cases for the workflow tests, each under names of its own. */
final class CaseFixtures {

	final JdbcClient jdbc;

	final Cases cases;

	final TestUsers users;

	final Regions regions;

	CaseFixtures(JdbcClient jdbc, Cases cases, Regions regions) {
		this.jdbc = jdbc;
		this.cases = cases;
		this.regions = regions;
		this.users = new TestUsers(regions);
	}

	static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	/** A real account with roles (its id is what unit membership and reporter links need). */
	long account(String regionCode, String... roles) {
		long id = jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:u, '测试经办人', '{noop}not-used', :r) returning id""")
				.param("u", "cw-" + suffix()).param("r", regionCode).query(Long.class).single();
		for (String role : roles) {
			jdbc.sql("insert into user_role (user_id, role) values (:id, :role)").param("id", id).param("role", role)
					.update();
		}
		return id;
	}

	/** The request post-processor acting as that account (username {@code user-<id>}). */
	RequestPostProcessor as(long accountId, String regionCode, String... roles) {
		return users.person(accountId, regionCode, roles);
	}

	long unit(String regionCode, long... handlers) {
		long unit = jdbc.sql("""
				insert into responsible_unit (name, kind, region_code, region_path, updated_by)
				values (:n, 'BUREAU', :r, :p, 'test') returning id""").param("n", "测试供电局" + suffix())
				.param("r", regionCode).param("p", regions.find(regionCode).orElseThrow().path()).query(Long.class).single();
		for (long h : handlers) {
			jdbc.sql("insert into responsible_unit_member (unit_id, user_id) values (:u, :h)").param("u", unit)
					.param("h", h).update();
		}
		return unit;
	}

	long report(String regionCode, String category) {
		return report(regionCode, category, new BigDecimal("23.050000"), new BigDecimal("112.460000"));
	}

	long report(String regionCode, String category, BigDecimal lat, BigDecimal lon) {
		return cases.report(new NewCase(CaseSource.PATROL, category, "测试案件" + suffix(), "测试路1号", lat, lon,
				regionCode, null, null, null, null), "inspector-test").id();
	}

	static String[] office() {
		return new String[] { Roles.OFFICE_STAFF };
	}
}
