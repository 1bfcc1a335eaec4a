package org.wenming.honor.roll;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.honor.SealedColumns;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.volunteer.ContactSeal;

/**
 * Nominations and consents as part A's service will store them (the nominator's mobile sealed for its
 * column, a random keyed-hash stand-in for the nominee's ID), inserted with SQL while that part is written
 * beside this one; office staff of Zhaoqing's regions under names of their own.
 */
public final class RollFixtures {

	/** A village of 端州区 (its town 441202001, its county 441202, the city 4412). */
	public static final String VILLAGE = "441202001002";

	public static final String TOWN = "441202001";

	public static final String COUNTY = "441202";

	public static final String CITY = "4412";

	/** Another county of the city (鼎湖区). */
	public static final String OTHER_COUNTY = "441203";

	public static final String MOBILE = "13912345678";

	private static final SecureRandom RANDOM = new SecureRandom();

	final JdbcClient jdbc;

	final Regions regions;

	final ContactSeal seal;

	final TestUsers users;

	public RollFixtures(JdbcClient jdbc, Regions regions, ContactSeal seal) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.seal = seal;
		this.users = new TestUsers(regions);
	}

	public static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private static byte[] random(int n) {
		byte[] b = new byte[n];
		RANDOM.nextBytes(b);
		return b;
	}

	/** A person's nomination of the region, in the status and at the vetting level given. */
	public long nomination(String regionCode, String status, String level, String quarter) {
		return nomination(regionCode, status, level, quarter, "测试好人" + tag().substring(0, 4));
	}

	public long nomination(String regionCode, String status, String level, String quarter, String name) {
		ContactSeal.SealedContact mobile = seal.seal(SealedColumns.NOMINATOR_MOBILE, MOBILE);
		Instant now = Instant.now();
		return jdbc.sql("""
				insert into honor_nomination (number, category, kind, nominee_name, nominee_id_cipher, nominee_id_masked,
				    nominee_id_key_id, nominee_id_hash, region_code, region_path, title, story, nominator_kind,
				    nominator_name, nominator_mobile_cipher, nominator_mobile_masked, nominator_mobile_key_id,
				    follow_token_hash, quarter, status, vetting_level, submitted_at, updated_at)
				values (:number, 'HELPING', 'PERSON', :name, :cipher, '4412**********123X', 'test', :hash, :region, :path,
				    '义务照料孤寡老人', '多年来坚持上门照料村里的孤寡老人。', 'PUBLIC', '热心群众', :mcipher, :mmasked, :mkey,
				    :token, :quarter, :status, :level, :now, :now)
				returning id""").param("number", "HR-T-" + tag()).param("name", name).param("cipher", random(16))
			.param("hash", random(32)).param("region", regionCode)
			.param("path", regions.find(regionCode).orElseThrow().path()).param("mcipher", mobile.cipher())
			.param("mmasked", mobile.masked()).param("mkey", mobile.keyId()).param("token", random(32))
			.param("quarter", quarter).param("status", status).param("level", level, java.sql.Types.VARCHAR)
			.param("now", now.atOffset(ZoneOffset.UTC)).query(Long.class).single();
	}

	/** A consent of the nomination in the status given (GIVEN: decided now). */
	public long consent(long nomination, String status) {
		Instant now = Instant.now();
		return jdbc.sql("""
				insert into honor_consent (nomination_id, status, snapshot, snapshot_sha256, channel, given_by, requested_by,
				    requested_at, decided_at)
				values (:n, :status, cast('{}' as jsonb), :sha, 'PAPER', :by, 'test', :now, :decided) returning id""")
			.param("n", nomination).param("status", status).param("sha", random(32))
			.param("by", "GIVEN".equals(status) ? "NOMINEE" : null, java.sql.Types.VARCHAR)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("decided", "REQUESTED".equals(status) ? null : now.atOffset(ZoneOffset.UTC), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.query(Long.class).single();
	}

	/** The nominee withdraws: one update of the consent row. */
	public void withdraw(long nomination) {
		jdbc.sql("""
				update honor_consent set status = 'WITHDRAWN', ended_at = now(), ended_by = 'nominee'
				where nomination_id = :n and status = 'GIVEN'""").param("n", nomination).update();
	}

	/** An answered objection, upheld or not. */
	public void objection(long nomination, boolean upheld) {
		ContactSeal.SealedContact contact = seal.seal(SealedColumns.OBJECTOR_CONTACT, MOBILE);
		jdbc.sql("""
				insert into honor_objection (nomination_id, body, objector_name, contact_cipher, contact_masked,
				    contact_key_id, follow_token_hash, status, answer, upheld, answered_by, answered_at, created_at)
				values (:n, '事迹不实', '匿名', :c, :m, :k, :t, 'ANSWERED', '经核实', :upheld, 'test', now(), now())""")
			.param("n", nomination).param("c", contact.cipher()).param("m", contact.masked()).param("k", contact.keyId())
			.param("t", random(32)).param("upheld", upheld).update();
	}

	/** A published city entry for the period (with a given consent). */
	public long published(String regionCode, String period, String name) {
		long n = nomination(regionCode, "PUBLISHED", null, period.length() == 6 ? period : period + "Q1", name);
		consent(n, "GIVEN");
		return jdbc.sql("""
				insert into honor_roll_entry (nomination_id, honour, period, published_by, published_at)
				values (:n, 'CITY_GOOD', :p, 'test', now()) returning id""").param("n", n).param("p", period)
			.query(Long.class).single();
	}

	public String status(long nomination) {
		return jdbc.sql("select status from honor_nomination where id = :id").param("id", nomination)
			.query(String.class).single();
	}

	public String level(long nomination) {
		return jdbc.sql("select vetting_level from honor_nomination where id = :id").param("id", nomination)
			.query(String.class).optional().orElse(null);
	}

	public int version(long nomination) {
		return jdbc.sql("select version from honor_nomination where id = :id").param("id", nomination)
			.query(Integer.class).single();
	}

	public long count(String sql, long nomination) {
		return jdbc.sql(sql).param("id", nomination).query(Long.class).single();
	}

	/** A town of another county (鼎湖区). */
	public String otherTown() {
		return regions.children(OTHER_COUNTY).get(0).code();
	}

	public long account() {
		return jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:username, '测试人员', '{noop}not-used', '4412') returning id""")
			.param("username", "hr-" + tag()).query(Long.class).single();
	}

	/** Civilization-office staff of the region. */
	public ScopedUser office(String regionCode) {
		return users.staffPrincipal(regionCode, Roles.OFFICE_STAFF);
	}

	public TestUsers users() {
		return users;
	}
}
