package org.wenming.servicedesk.dispatch;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.region.PracticeSite;
import org.wenming.region.PracticeSites;
import org.wenming.region.Regions;
import org.wenming.servicedesk.SealedColumns;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.volunteer.ContactSeal;

/**
 * Orders as the ordering part will store them (RECEIVED at the village's station, the contact sealed
 * with {@link ContactSeal}), inserted with SQL while that part is written beside this one; teams, leaders
 * and staff of 端州区 under names of their own.
 */
final class DispatchFixtures {

	/** A village of 端州区 (its town 441202001, its county 441202), whose network sites are generated. */
	static final String VILLAGE = "441202001002";

	static final String TOWN = "441202001";

	static final String COUNTY = "441202";

	static final String MOBILE = "13812345678";

	private static final SecureRandom RANDOM = new SecureRandom();

	final JdbcClient jdbc;

	final PracticeSites sites;

	final Regions regions;

	final ContactSeal seal;

	final TestUsers users;

	DispatchFixtures(JdbcClient jdbc, PracticeSites sites, Regions regions, ContactSeal seal) {
		this.jdbc = jdbc;
		this.sites = sites;
		this.regions = regions;
		this.seal = seal;
		this.users = new TestUsers(regions);
	}

	static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	PracticeSite station() {
		return sites.networkSite(VILLAGE).orElseThrow();
	}

	PracticeSite institute() {
		return sites.networkSite(TOWN).orElseThrow();
	}

	PracticeSite centre() {
		return sites.networkSite(COUNTY).orElseThrow();
	}

	/** A RECEIVED order at the village's station, received at {@code at}, due as {@code acceptDue}. */
	long order(Instant at, Instant acceptDue) {
		return order(at, acceptDue, station().id(), "HOME_VISIT");
	}

	long order(Instant at, Instant acceptDue, long siteId, String category) {
		ContactSeal.SealedContact contact = seal.seal(SealedColumns.CONTACT, MOBILE);
		byte[] token = new byte[32];
		RANDOM.nextBytes(token);
		return jdbc.sql("""
				insert into service_order (order_number, category, what, region_code, region_path, contact_name,
				    contact_cipher, contact_masked, contact_key_id, channel, follow_token_hash, status, site_id,
				    received_at, accept_due)
				values (:number, :category, '帮忙修理电视机', :region, :path, '张阿婆', :cipher, :masked, :key, 'WEB', :token,
				    'RECEIVED', :site, :at, :due)
				returning id""").param("number", "SD-T-" + tag()).param("category", category)
			.param("region", VILLAGE).param("path", regions.find(VILLAGE).orElseThrow().path())
			.param("cipher", contact.cipher()).param("masked", contact.masked()).param("key", contact.keyId())
			.param("token", token).param("site", siteId).param("at", at.atOffset(ZoneOffset.UTC))
			.param("due", acceptDue == null ? null : acceptDue.atOffset(ZoneOffset.UTC), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.query(Long.class).single();
	}

	long order() {
		Instant now = Instant.now();
		return order(now, now.plusSeconds(86_400));
	}

	String status(long order) {
		return jdbc.sql("select status from service_order where id = :id").param("id", order).query(String.class).single();
	}

	long siteOf(long order) {
		return jdbc.sql("select site_id from service_order where id = :id").param("id", order).query(Long.class).single();
	}

	long events(long order) {
		return jdbc.sql("select count(*) from service_order_event where order_id = :id").param("id", order)
			.query(Long.class).single();
	}

	long notices(long order) {
		return jdbc.sql("""
				select count(*) from notification_outbox where topic = 'servicedesk.order'
				    and parameters ->> 'order' = (select order_number from service_order where id = :id)""")
			.param("id", order).query(Long.class).single();
	}

	long team(String regionCode) {
		return jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				values (:name, 'CORPS', 'PRACTICE', :region, :path, 'test') returning id""")
			.param("name", "派单测试队" + tag()).param("region", regionCode)
			.param("path", regions.find(regionCode).orElseThrow().path()).query(Long.class).single();
	}

	long account() {
		return jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:username, '测试人员', '{noop}not-used', '441202') returning id""")
			.param("username", "sd-" + tag()).query(Long.class).single();
	}

	ScopedUser leader(long team) {
		long userId = account();
		jdbc.sql("insert into team_leader (team_id, user_id, assigned_by) values (:team, :user, 'test')")
			.param("team", team).param("user", userId).update();
		return users.principal(userId, COUNTY, Roles.TEAM_LEADER);
	}

	ScopedUser staff(String regionCode) {
		return users.principal(account(), regionCode, Roles.SITE_ADMIN);
	}
}
