package org.wenming.browser;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.wenming.account.AccountFixtures;
import org.wenming.activity.Activities;
import org.wenming.activity.Activity;
import org.wenming.activity.ActivityDraft;
import org.wenming.activity.ActivityType;
import org.wenming.activity.ShiftDraft;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteers;

/**
 * What the volunteer's flows need before a browser opens: a team of 端州区 with a leader who can
 * sign in, a published activity of the team at a position no other test uses, and volunteers
 * registered through the service (when registration itself is not what the flow shows). A bean
 * that {@link BrowserTest} imports, so a test just autowires it.
 */
final class VolunteerFlowData {

	static final String DUANZHOU = "441202";

	static final String DUANZHOU_PATH = "44.4412.441202.";

	/** 杏花社区, 城东街道, 端州区: the community a registering volunteer picks. */
	static final String[] HOME = { "441202", "441202001", "441202001002" };

	static final String PASSWORD = "Volunteer-2026-pw";

	private final JdbcClient jdbc;

	private final AccountFixtures accounts;

	private final TestUsers users;

	private final Volunteers volunteers;

	private final Activities activities;

	VolunteerFlowData(JdbcClient jdbc, PasswordEncoder encoder, Regions regions, Volunteers volunteers,
			Activities activities) {
		this.jdbc = jdbc;
		this.accounts = new AccountFixtures(jdbc, encoder);
		this.users = new TestUsers(regions);
		this.volunteers = volunteers;
		this.activities = activities;
	}

	record Leader(long teamId, String teamName, long userId, String username, ScopedUser principal) {
	}

	/** A practice team of 端州区 led by a real account (password {@link AccountFixtures#PASSWORD}). */
	Leader team() {
		String name = "浏览器测试队" + AccountFixtures.unique("t").substring(2);
		long teamId = jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				values (:name, 'CORPS', 'PRACTICE', :region, :path, 'test') returning id""")
			.param("name", name).param("region", DUANZHOU).param("path", DUANZHOU_PATH).query(Long.class).single();
		String username = AccountFixtures.unique("leader");
		long userId = accounts.user(username, DUANZHOU, Roles.TEAM_LEADER);
		jdbc.sql("insert into team_leader (team_id, user_id, assigned_by) values (:team, :user, 'test')")
			.param("team", teamId).param("user", userId).update();
		return new Leader(teamId, name, userId, username, users.principal(userId, DUANZHOU, Roles.TEAM_LEADER));
	}

	record Place(BigDecimal latitude, BigDecimal longitude) {

		/** A point about {@code metres} north of this one. */
		Place north(int metres) {
			return new Place(latitude.add(BigDecimal.valueOf(metres / 111_000.0)).setScale(6, RoundingMode.HALF_UP),
					longitude);
		}
	}

	/** A point in the hills of 肇庆 that no other test's activity is near (within a few hundred metres). */
	static Place somewhereNew() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		return new Place(BigDecimal.valueOf(23.2 + r.nextInt(0, 6000) / 10_000.0).setScale(6, RoundingMode.HALF_UP),
				BigDecimal.valueOf(111.7 + r.nextInt(0, 6000) / 10_000.0).setScale(6, RoundingMode.HALF_UP));
	}

	record Event(long activityId, long shiftId, String title) {
	}

	/** A published service activity of the team at the place, with one shift starting soon. */
	Event activity(Leader leader, Place place, Duration startsIn, Duration lasts) {
		OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(8)).plus(startsIn).truncatedTo(ChronoUnit.MINUTES);
		String title = "社区清洁" + AccountFixtures.unique("a").substring(2);
		Activity created = activities.create(new ActivityDraft(title, "打扫社区公园，清理小广告。", ActivityType.SERVICE, null,
				null, null, null, leader.teamId(), null, null, "端州区测试路8号", DUANZHOU, place.latitude(),
				place.longitude(), null, false, List.of(new ShiftDraft(start, start.plus(lasts), 10, null, List.of()))),
				leader.principal());
		activities.publish(created.id(), leader.principal());
		long shiftId = activities.shifts(created.id()).get(0).id();
		return new Event(created.id(), shiftId, title);
	}

	record Person(long volunteerId, String username, String name) {
	}

	/** An adult volunteer of 端州区 who registered (password {@link #PASSWORD}). */
	Person volunteer() {
		String username = AccountFixtures.unique("vol");
		String name = TestVolunteers.name();
		var v = volunteers.registerSelf(TestVolunteers.draft(name, TestVolunteers.residentId(DUANZHOU),
				TestVolunteers.mobile(), DUANZHOU), username, PASSWORD);
		return new Person(v.id(), username, name);
	}

	/**
	 * Moves the shift into the past as the hours pass: it ran from {@code ended + lasted} ago to
	 * {@code ended} ago, and the volunteer's check-in, recorded a moment ago, moves to before its start.
	 */
	void shiftRan(Event event, long volunteerId, Duration lasted, Duration endedAgo) {
		Instant end = Instant.now().minus(endedAgo);
		Instant start = end.minus(lasted);
		jdbc.sql("update shift set starts_at = :s, ends_at = :e where id = :id").param("s", Timestamp.from(start))
			.param("e", Timestamp.from(end)).param("id", event.shiftId()).update();
		jdbc.sql("update activity set starts_at = :s, ends_at = :e where id = :id").param("s", Timestamp.from(start))
			.param("e", Timestamp.from(end)).param("id", event.activityId()).update();
		jdbc.sql("update attendance set checked_in_at = :in where shift_id = :shift and volunteer_id = :v")
			.param("in", Timestamp.from(start.minus(Duration.ofMinutes(10)))).param("shift", event.shiftId())
			.param("v", volunteerId).update();
	}

	long volunteerIdOf(String username) {
		return jdbc.sql("select v.id from volunteer v join app_user u on u.id = v.user_id where u.username = :u")
			.param("u", username).query(Long.class).single();
	}
}
