package org.wenming.volunteer.team;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows for team tests, inserted directly: accounts, volunteers (dummy ciphertexts) and teams. */
final class TeamFixtures {

	static final String DUANZHOU_PATH = "44.4412.441202.";

	static final String DINGHU_PATH = "44.4412.441203.";

	private final JdbcClient jdbc;

	TeamFixtures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	long account(String displayName) {
		return jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:username, :name, '{noop}not-used', '441202') returning id""")
				.param("username", "team-" + tag()).param("name", displayName).query(Long.class).single();
	}

	String username(long userId) {
		return jdbc.sql("select username from app_user where id = :id").param("id", userId).query(String.class).single();
	}

	/** A volunteer of 端州区 with a login of their own; returns the login's user id. */
	long volunteerWithLogin(String realName) {
		long userId = account(realName);
		volunteer(realName, userId, "ACTIVE");
		return userId;
	}

	long volunteer(String realName, Long userId, String status) {
		return jdbc.sql("""
				insert into volunteer (volunteer_number, real_name, name_initials, id_type, id_number_cipher, id_number_hash,
				    id_number_masked, phone_cipher, phone_hash, phone_masked, phone_last4, key_id, gender, birth_date,
				    region_code, region_path, consent_version, consent_at, registered_by, user_id, status)
				values (:number, :name, 'x', 'RESIDENT_ID', '\\\\x00'::bytea, :hash, '4412**********0000', '\\\\x00'::bytea,
				    '\\\\x00'::bytea, '138****0000', '0000', 'k1', 'M', date '1990-01-01', '441202', :path, 'v1', now(),
				    'test', :userId, :status)
				returning id""")
				.param("number", "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 15))
				.param("name", realName).param("hash", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
				.param("path", DUANZHOU_PATH).param("userId", userId, java.sql.Types.BIGINT).param("status", status)
				.query(Long.class).single();
	}

	long volunteerIdOf(long userId) {
		return jdbc.sql("select id from volunteer where user_id = :id").param("id", userId).query(Long.class).single();
	}

	long team(String name, Long parentId, String level, String regionCode, String path) {
		return jdbc.sql("""
				insert into team (name, parent_id, level, type, region_code, region_path, updated_by)
				values (:name, :parent, :level, 'PRACTICE', :region, :path, 'test') returning id""")
				.param("name", name).param("parent", parentId, java.sql.Types.BIGINT).param("level", level)
				.param("region", regionCode).param("path", path).query(Long.class).single();
	}

	void leader(long teamId, long userId) {
		jdbc.sql("insert into team_leader (team_id, user_id, assigned_by) values (:team, :user, 'test')")
				.param("team", teamId).param("user", userId).update();
	}

	String status(long membershipId) {
		return jdbc.sql("select status from team_member where id = :id").param("id", membershipId).query(String.class)
				.single();
	}

	long openMembership(long teamId, long volunteerId) {
		return jdbc.sql("select id from team_member where team_id = :team and volunteer_id = :v and status in ('APPLIED', 'MEMBER')")
				.param("team", teamId).param("v", volunteerId).query(Long.class).single();
	}

	long rows(long teamId) {
		return jdbc.sql("select count(*) from team_member where team_id = :team").param("team", teamId)
				.query(Long.class).single();
	}
}
