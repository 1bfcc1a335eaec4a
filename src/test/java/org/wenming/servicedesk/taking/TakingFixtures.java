package org.wenming.servicedesk.taking;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.platform.SecretTokens;
import org.wenming.region.PracticeSites;
import org.wenming.region.Regions;
import org.wenming.servicedesk.SealedColumns;
import org.wenming.servicedesk.dispatch.Dispatch;
import org.wenming.servicedesk.dispatch.DispatchDraft;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.volunteer.ContactSeal;

/**
 * Orders of a village of 端州区 as the ordering part stores them (the contact and the address sealed), dispatched
 * by the dispatch part's own {@link Dispatch}; teams, leaders, members (volunteer rows with dummy ciphertexts)
 * and staff under names of their own.
 */
final class TakingFixtures {

	static final String VILLAGE = "441202001002";

	static final String COUNTY = "441202";

	static final String MOBILE = "13987654321";

	static final String ADDRESS = "端州区测试巷8号";

	private static final SecureRandom RANDOM = new SecureRandom();

	final JdbcClient jdbc;

	final Regions regions;

	final PracticeSites sites;

	final ContactSeal seal;

	final Dispatch dispatch;

	final TestUsers users;

	TakingFixtures(JdbcClient jdbc, Regions regions, PracticeSites sites, ContactSeal seal, Dispatch dispatch) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.sites = sites;
		this.seal = seal;
		this.dispatch = dispatch;
		this.users = new TestUsers(regions);
	}

	static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	/** An order at the village's station; returns its id and its private link's token. */
	record Placed(long id, String token) {
	}

	Placed order() {
		ContactSeal.SealedContact contact = seal.seal(SealedColumns.CONTACT, MOBILE);
		ContactSeal.SealedContact address = seal.seal(SealedColumns.ADDRESS, ADDRESS);
		byte[] random = new byte[18];
		RANDOM.nextBytes(random);
		String token = HexFormat.of().formatHex(random);
		Instant now = Instant.now();
		long id = jdbc.sql("""
				insert into service_order (order_number, category, what, region_code, region_path, address_cipher,
				    address_key_id, latitude, longitude, contact_name, contact_cipher, contact_masked, contact_key_id,
				    channel, follow_token_hash, status, site_id, received_at, accept_due)
				values (:number, 'HOME_VISIT', '陪老人聊天、打扫卫生', :region, :path, :addr, :addrKey, 23.051234, 112.471234,
				    '李阿伯', :cipher, :masked, :key, 'WEB', :token, 'RECEIVED', :site, :at, :due)
				returning id""").param("number", "SD-T3-" + tag()).param("region", VILLAGE)
			.param("path", regions.find(VILLAGE).orElseThrow().path()).param("addr", address.cipher())
			.param("addrKey", address.keyId()).param("cipher", contact.cipher()).param("masked", contact.masked())
			.param("key", contact.keyId()).param("token", SecretTokens.sha256(token))
			.param("site", sites.networkSite(VILLAGE).orElseThrow().id()).param("at", now.atOffset(ZoneOffset.UTC))
			.param("due", now.plus(1, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC)).query(Long.class).single();
		return new Placed(id, token);
	}

	ScopedUser staff() {
		return users.principal(account("站长"), VILLAGE, Roles.SITE_ADMIN);
	}

	/** Dispatches the order to the team with {@code needed} places, starting in three days. */
	long dispatch(long order, long team, int needed, ScopedUser staff) {
		return dispatch(order, team, needed, staff, 3);
	}

	/** The same, starting in {@code days} days (shifts of one volunteer may not overlap). */
	long dispatch(long order, long team, int needed, ScopedUser staff, int days) {
		OffsetDateTime start = OffsetDateTime.now().plusDays(days).truncatedTo(ChronoUnit.HOURS);
		return dispatch.dispatch(order, new DispatchDraft(team, needed, start, start.plusHours(2)), staff);
	}

	long team() {
		return jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				values (:name, 'CORPS', 'PRACTICE', :region, :path, 'test') returning id""")
			.param("name", "接单测试队" + tag()).param("region", COUNTY)
			.param("path", regions.find(COUNTY).orElseThrow().path()).query(Long.class).single();
	}

	long account(String name) {
		return jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:username, :name, '{noop}not-used', '441202') returning id""")
			.param("username", "sd3-" + tag()).param("name", name).query(Long.class).single();
	}

	ScopedUser leader(long team) {
		long userId = account("队长");
		jdbc.sql("insert into team_leader (team_id, user_id, assigned_by) values (:team, :user, 'test')")
			.param("team", team).param("user", userId).update();
		return users.principal(userId, COUNTY, Roles.TEAM_LEADER);
	}

	/** A volunteer of 端州区 with a login (not a member of any team yet). */
	ScopedUser volunteer(String realName) {
		long userId = account(realName);
		jdbc.sql("""
				insert into volunteer (volunteer_number, real_name, name_initials, id_type, id_number_cipher, id_number_hash,
				    id_number_masked, phone_cipher, phone_hash, phone_masked, phone_last4, key_id, gender, birth_date,
				    region_code, region_path, consent_version, consent_at, registered_by, user_id, status, skills)
				values (:number, :name, 'x', 'RESIDENT_ID', '\\x00'::bytea, :hash, '4412**********0000', '\\x00'::bytea,
				    '\\x00'::bytea, '138****0000', '0000', 'k1', 'F', date '1985-05-05', '441202', :path, 'v1', now(),
				    'test', :userId, 'ACTIVE', '{}')""")
			.param("number", "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 15))
			.param("name", realName).param("hash", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
			.param("path", regions.find(COUNTY).orElseThrow().path()).param("userId", userId).update();
		return users.principal(userId, COUNTY, Roles.VOLUNTEER);
	}

	long volunteerId(ScopedUser user) {
		return jdbc.sql("select id from volunteer where user_id = :id").param("id", user.userId()).query(Long.class)
			.single();
	}

	ScopedUser member(long team, String realName) {
		ScopedUser volunteer = volunteer(realName);
		jdbc.sql("""
				insert into team_member (team_id, volunteer_id, status, decided_at, decided_by)
				values (:team, :v, 'MEMBER', now(), 'test')""").param("team", team).param("v", volunteerId(volunteer))
			.update();
		return volunteer;
	}

	String status(long order) {
		return jdbc.sql("select status from service_order where id = :id").param("id", order).query(String.class)
			.single();
	}

	long shiftOf(long order) {
		return jdbc.sql("select shift_id from service_order where id = :id").param("id", order).query(Long.class)
			.single();
	}

	long confirmed(long shift) {
		return jdbc.sql("select count(*) from signup where shift_id = :s and status = 'CONFIRMED'").param("s", shift)
			.query(Long.class).single();
	}

	long events(long order, String kind) {
		return jdbc.sql("select count(*) from service_order_event where order_id = :id and kind = :kind")
			.param("id", order).param("kind", kind).query(Long.class).single();
	}

	/** Moves the order's shift so that it started an hour ago (as the clock would). */
	void startShift(long order) {
		long shift = shiftOf(order);
		OffsetDateTime start = OffsetDateTime.now().minusHours(1).truncatedTo(ChronoUnit.SECONDS);
		jdbc.sql("update shift set starts_at = :s, ends_at = :e where id = :id").param("s", start)
			.param("e", start.plusHours(2)).param("id", shift).update();
		jdbc.sql("""
				update activity set starts_at = (select min(starts_at) from shift where activity_id = activity.id),
				    ends_at = (select max(ends_at) from shift where activity_id = activity.id)
				where id = (select activity_id from shift where id = :id)""").param("id", shift).update();
	}

	/** Runs the tasks on real threads, released together; each result or the exception it threw. */
	static <T> List<Object> runAtOnce(List<Callable<T>> tasks, int threads) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> task : tasks) {
				futures.add(pool.submit(() -> {
					start.await();
					return task.call();
				}));
			}
			start.countDown();
			List<Object> results = new ArrayList<>();
			for (Future<T> f : futures) {
				try {
					results.add(f.get());
				}
				catch (ExecutionException ex) {
					results.add(ex.getCause());
				}
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}
}
