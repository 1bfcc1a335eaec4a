package org.wenming.activity;

import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;

/** Rows for activity tests: accounts and volunteers inserted directly (dummy ciphertexts), teams, activities. */
final class ActivityFixtures {

	static final String DUANZHOU_PATH = "44.4412.441202.";

	private final JdbcClient jdbc;

	private final TestUsers users;

	ActivityFixtures(JdbcClient jdbc, Regions regions) {
		this.jdbc = jdbc;
		this.users = new TestUsers(regions);
	}

	static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	long account(String displayName) {
		return jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:username, :name, '{noop}not-used', '441202') returning id""")
			.param("username", "act-" + tag()).param("name", displayName).query(Long.class).single();
	}

	/** A volunteer of 端州区 with a login; returns the principal they act as. */
	ScopedUser volunteer(String realName, LocalDate birthDate, List<String> skills) {
		long userId = account(realName);
		jdbc.sql("""
				insert into volunteer (volunteer_number, real_name, name_initials, id_type, id_number_cipher, id_number_hash,
				    id_number_masked, phone_cipher, phone_hash, phone_masked, phone_last4, key_id, gender, birth_date,
				    region_code, region_path, consent_version, consent_at, registered_by, user_id, status, skills)
				values (:number, :name, 'x', 'RESIDENT_ID', '\\x00'::bytea, :hash, '4412**********0000', '\\x00'::bytea,
				    '\\x00'::bytea, '138****0000', '0000', 'k1', 'M', :birth, '441202', :path, 'v1', now(),
				    'test', :userId, 'ACTIVE', string_to_array(:skills, ','))""")
			.param("number", "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 15))
			.param("name", realName).param("hash", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
			.param("birth", birthDate).param("path", DUANZHOU_PATH).param("userId", userId)
			.param("skills", String.join(",", skills)).update();
		return users.principal(userId, "441202", Roles.VOLUNTEER);
	}

	ScopedUser volunteer(String realName) {
		return volunteer(realName, LocalDate.of(1990, 1, 1), List.of());
	}

	long volunteerId(ScopedUser user) {
		return jdbc.sql("select id from volunteer where user_id = :id").param("id", user.userId()).query(Long.class)
			.single();
	}

	long team(String name, String regionCode, String path) {
		return jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				values (:name, 'CORPS', 'PRACTICE', :region, :path, 'test') returning id""").param("name", name)
			.param("region", regionCode).param("path", path).query(Long.class).single();
	}

	/** A team leader of the team (a real account). */
	ScopedUser leader(long teamId) {
		long userId = account("队长" + tag());
		jdbc.sql("insert into team_leader (team_id, user_id, assigned_by) values (:team, :user, 'test')")
			.param("team", teamId).param("user", userId).update();
		return users.principal(userId, "441202", Roles.TEAM_LEADER);
	}

	/** Makes the volunteer a member ({@code MEMBER}) of the team. */
	void member(long teamId, ScopedUser volunteer) {
		jdbc.sql("insert into team_member (team_id, volunteer_id, status, decided_at, decided_by) values (:team, :v, 'MEMBER', now(), 'test')")
			.param("team", teamId).param("v", volunteerId(volunteer)).update();
	}

	ScopedUser office(String regionCode) {
		return users.staffPrincipal(regionCode, Roles.OFFICE_STAFF);
	}

	static ShiftDraft shift(OffsetDateTime start, int hours, int capacity) {
		return new ShiftDraft(start, start.plusHours(hours), capacity, null, List.of());
	}

	/** A service activity of the team at an address in 端州区, with the given shifts. */
	static ActivityDraft draft(String title, long teamId, List<ShiftDraft> shifts) {
		return new ActivityDraft(title, "测试活动", ActivityType.SERVICE, null, null, null, null, teamId, null, null,
				"端州区测试路1号", "441202", new java.math.BigDecimal("23.050000"), new java.math.BigDecimal("112.460000"),
				null, false, shifts);
	}

	/** Moves a shift (and its activity's span) into the past or elsewhere, as the clock would. */
	void moveShift(long shiftId, OffsetDateTime start, OffsetDateTime end) {
		jdbc.sql("update shift set starts_at = :s, ends_at = :e where id = :id").param("s", start).param("e", end)
			.param("id", shiftId).update();
		jdbc.sql("""
				update activity set starts_at = (select min(starts_at) from shift where activity_id = activity.id),
				    ends_at = (select max(ends_at) from shift where activity_id = activity.id)
				where id = (select activity_id from shift where id = :id)""").param("id", shiftId).update();
	}

	long rows(long shiftId, String status) {
		return jdbc.sql("select count(*) from signup where shift_id = :s and status = :st").param("s", shiftId)
			.param("st", status).query(Long.class).single();
	}

	int[] counts(long shiftId) {
		return jdbc.sql("select confirmed_count, waitlist_count from shift where id = :id").param("id", shiftId)
			.query((rs, i) -> new int[] { rs.getInt(1), rs.getInt(2) }).single();
	}

	long notices(ScopedUser volunteer, String kind) {
		return jdbc.sql("select count(*) from activity_notice where volunteer_id = :v and kind = :k")
			.param("v", volunteerId(volunteer)).param("k", kind).query(Long.class).single();
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

	static void unused(Object o) {
		Types.class.getName();
	}
}
