package org.wenming.complaint;

import java.sql.Timestamp;
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
 * Rows for the tests of the volunteer's record (commendations, ratings, complaints): volunteers registered with a
 * login of their own in 端州区 or 鼎湖区, a team of 端州区 with its leader, a published activity's shift, and
 * attendance on it made by SQL as check-in would leave it.
 */
public final class RecordFixtures {

	public static final String DUANZHOU = "441202";

	public static final String DINGHU = "441203";

	private final JdbcClient jdbc;

	private final Volunteers volunteers;

	private final Regions regions;

	private final TestUsers users;

	public RecordFixtures(JdbcClient jdbc, Volunteers volunteers, Regions regions) {
		this.jdbc = jdbc;
		this.volunteers = volunteers;
		this.regions = regions;
		this.users = new TestUsers(regions);
	}

	public static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	public TestUsers users() {
		return users;
	}

	/** A registered volunteer with a login of their own. */
	public record Person(long volunteerId, String volunteerNumber, String name, ScopedUser principal,
			RequestPostProcessor signedIn) {
	}

	public Person volunteer(String county) {
		String username = "rec-" + tag();
		String name = TestVolunteers.name();
		Volunteer v = volunteers.registerSelf(TestVolunteers.draft(name, TestVolunteers.residentId(county),
				TestVolunteers.mobile(), county), username, "Record-2026-pw");
		return new Person(v.id(), v.volunteerNumber(), name, users.principal(v.userId(), county, Roles.VOLUNTEER),
				users.volunteer(v.userId(), username, county));
	}

	/** A team of the county and a leader of it (a real account). */
	public record Organizer(long teamId, long userId, ScopedUser principal, RequestPostProcessor signedIn) {
	}

	public Organizer team(String county) {
		String path = regions.find(county).orElseThrow().path();
		long teamId = jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				values (:name, 'CORPS', 'PRACTICE', :region, :path, 'test') returning id""")
			.param("name", "档案测试队" + tag()).param("region", county).param("path", path).query(Long.class).single();
		long userId = jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:username, '档案队长', '{noop}not-used', :region) returning id""")
			.param("username", "rec-leader-" + tag()).param("region", county).query(Long.class).single();
		jdbc.sql("insert into team_leader (team_id, user_id, assigned_by) values (:team, :user, 'test')")
			.param("team", teamId).param("user", userId).update();
		return new Organizer(teamId, userId, users.principal(userId, county, Roles.TEAM_LEADER),
				users.person(userId, county, Roles.TEAM_LEADER));
	}

	/** A shift (yesterday, three hours) of a new published service activity of the team. */
	public long shift(Organizer organizer) {
		String county = jdbc.sql("select region_code from team where id = :id").param("id", organizer.teamId())
			.query(String.class).single();
		long activity = jdbc.sql("""
				insert into activity (title, type, organizer_team_id, address, region_code, region_path, status, created_by,
				    published_at)
				values (:title, 'SERVICE', :team, '测试路1号', :region, :path, 'PUBLISHED', 'test', now()) returning id""")
			.param("title", "档案测试活动" + tag()).param("team", organizer.teamId()).param("region", county)
			.param("path", regions.find(county).orElseThrow().path()).query(Long.class).single();
		Instant start = Instant.now().minusSeconds(30 * 3600);
		return jdbc.sql("""
				insert into shift (activity_id, starts_at, ends_at, capacity) values (:activity, :start, :end, 100)
				returning id""").param("activity", activity).param("start", Timestamp.from(start))
			.param("end", Timestamp.from(start.plusSeconds(3 * 3600))).query(Long.class).single();
	}

	/** The volunteer checked in and (when {@code out}) out on the shift. */
	public void attended(long shiftId, long volunteerId, boolean out) {
		jdbc.sql("""
				insert into attendance (shift_id, volunteer_id, checked_in_at, check_in_method, check_in_by, checked_out_at,
				    check_out_method, check_out_by, shift_day)
				select id, :v, starts_at, 'QR', 'test', case when :out then ends_at end, case when :out then 'QR' end,
				    case when :out then 'test' end, starts_on from shift where id = :shift""")
			.param("shift", shiftId).param("v", volunteerId).param("out", out).update();
	}

	public long count(String tableAndCondition) {
		return jdbc.sql("select count(*) from " + tableAndCondition).query(Long.class).single();
	}
}
