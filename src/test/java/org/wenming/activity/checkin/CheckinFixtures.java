package org.wenming.activity.checkin;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;

/**
 * Rows for check-in tests. Activities, shifts and confirmed sign-ups are inserted straight into the
 * V10 tables (the activity pages are built elsewhere); volunteers register through {@link Volunteers}.
 */
final class CheckinFixtures {

	static final String DUANZHOU = "441202";

	static final String DUANZHOU_PATH = "44.4412.441202.";

	private final JdbcClient jdbc;

	private final Volunteers volunteers;

	private final TestUsers users;

	CheckinFixtures(JdbcClient jdbc, Volunteers volunteers, Regions regions) {
		this.jdbc = jdbc;
		this.volunteers = volunteers;
		this.users = new TestUsers(regions);
	}

	static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	/** A registered volunteer with a login of their own. */
	record Person(long volunteerId, long userId, String username, String name, ScopedUser principal,
			RequestPostProcessor signedIn) {
	}

	Person volunteer() {
		String username = "ck-" + tag();
		String name = TestVolunteers.name();
		Volunteer v = volunteers.registerSelf(TestVolunteers.draft(name, TestVolunteers.residentId(DUANZHOU),
				TestVolunteers.mobile(), DUANZHOU), username, "Checkin-2026-pw");
		return new Person(v.id(), v.userId(), username, name,
				users.principal(v.userId(), DUANZHOU, Roles.VOLUNTEER), users.volunteer(v.userId(), username, DUANZHOU));
	}

	/** A team of 端州区 and a leader of it (a real account). */
	record Organizer(long teamId, long userId, ScopedUser principal, RequestPostProcessor signedIn) {
	}

	Organizer team() {
		long teamId = jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				values (:name, 'CORPS', 'PRACTICE', :region, :path, 'test') returning id""")
				.param("name", "签到测试队" + tag()).param("region", DUANZHOU).param("path", DUANZHOU_PATH)
				.query(Long.class).single();
		long userId = jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:username, '签到队长', '{noop}not-used', :region) returning id""")
				.param("username", "ck-leader-" + tag()).param("region", DUANZHOU).query(Long.class).single();
		jdbc.sql("insert into team_leader (team_id, user_id, assigned_by) values (:team, :user, 'test')")
				.param("team", teamId).param("user", userId).update();
		return new Organizer(teamId, userId, users.principal(userId, DUANZHOU, Roles.TEAM_LEADER),
				users.person(userId, DUANZHOU, Roles.TEAM_LEADER));
	}

	/** A published service activity of the team; a geofence when radius is not null. */
	long activity(long teamId, Integer radius, Double latitude, Double longitude) {
		return jdbc.sql("""
				insert into activity (title, type, organizer_team_id, address, latitude, longitude, region_code, region_path,
				    geofence_radius_m, status, created_by, published_at)
				values (:title, 'SERVICE', :team, '端州区测试路1号', :lat, :lon, :region, :path, :radius, 'PUBLISHED', 'test', now())
				returning id""")
				.param("title", "签到测试活动" + tag()).param("team", teamId).param("lat", latitude, Types.NUMERIC)
				.param("lon", longitude, Types.NUMERIC).param("region", DUANZHOU).param("path", DUANZHOU_PATH)
				.param("radius", radius, Types.INTEGER).query(Long.class).single();
	}

	long shift(long activityId, Instant start, Instant end) {
		return jdbc.sql("""
				insert into shift (activity_id, starts_at, ends_at, capacity) values (:activity, :start, :end, 100)
				returning id""").param("activity", activityId).param("start", Timestamp.from(start))
				.param("end", Timestamp.from(end)).query(Long.class).single();
	}

	/** A shift of a new activity of the team, without geofence. */
	long shift(Organizer organizer, Instant start, Instant end) {
		return shift(activity(organizer.teamId(), null, null, null), start, end);
	}

	void confirmedSignUp(long shiftId, long volunteerId) {
		jdbc.sql("insert into signup (shift_id, volunteer_id, status, decided_at, decided_by, shift_day) select :shift, :v, 'CONFIRMED', now(), 'test', starts_on from shift where id = :shift")
				.param("shift", shiftId).param("v", volunteerId).update();
		jdbc.sql("update shift set confirmed_count = confirmed_count + 1 where id = :id").param("id", shiftId).update();
	}

	long attendances(long volunteerId) {
		return jdbc.sql("select count(*) from attendance where volunteer_id = :v").param("v", volunteerId)
				.query(Long.class).single();
	}

	long requests(long volunteerId) {
		return jdbc.sql("select count(*) from check_request where volunteer_id = :v").param("v", volunteerId)
				.query(Long.class).single();
	}
}
