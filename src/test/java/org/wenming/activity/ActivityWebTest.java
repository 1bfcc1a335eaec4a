package org.wenming.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/** The activity pages and API through MockMvc: what the public, a volunteer and an organizer see and do. */
@WenmingTest
class ActivityWebTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Activities activities;

	@Autowired
	Signups signups;

	ActivityFixtures fixtures;

	TestUsers users;

	long team;

	ScopedUser leader;

	OffsetDateTime start;

	@BeforeEach
	void aTeamWithALeader() {
		fixtures = new ActivityFixtures(jdbc, regions);
		users = new TestUsers(regions);
		team = fixtures.team("网页测试队" + ActivityFixtures.tag(), "441202", ActivityFixtures.DUANZHOU_PATH);
		leader = fixtures.leader(team);
		start = OffsetDateTime.now().plusDays(5).withNano(0);
	}

	private RequestPostProcessor as(ScopedUser user, String role) {
		return users.person(user.userId(), "441202", role);
	}

	private Activity published(String title) {
		Activity a = activities.create(ActivityFixtures.draft(title, team, List.of(ActivityFixtures.shift(start, 3, 2))),
				leader);
		return activities.publish(a.id(), leader);
	}

	private String body(MockHttpServletRequestBuilder request, int status) throws Exception {
		MvcResult result = org.wenming.support.AsyncAnswers.perform(mvc, request);
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
		return result.getResponse().getContentAsString();
	}

	@Test
	void thePublicListShowsPublishedActivitiesByTypeDateAndDistance() throws Exception {
		String tag = ActivityFixtures.tag();
		Activity open = published("公开活动" + tag);
		Activity draft = activities.create(ActivityFixtures.draft("草稿不公开" + tag, team,
				List.of(ActivityFixtures.shift(start, 3, 2))), leader);
		String page = body(get("/activities").param("region", "441202").param("type", "SERVICE")
			.param("lat", "23.05").param("lng", "112.46").param("radius", "2"), 200);
		assertThat(page).contains("公开活动" + tag).doesNotContain("草稿不公开" + tag).contains("0.0");
		// far away: 50 km north is outside a 10 km circle
		assertThat(body(get("/activities").param("lat", "23.5").param("lng", "112.46").param("radius", "10"), 200))
			.doesNotContain("公开活动" + tag);
		String day = start.atZoneSameInstant(CityTime.ZONE).toLocalDate().toString();
		assertThat(body(get("/activities").param("from", day).param("to", day).param("region", "441202"), 200))
			.contains("公开活动" + tag);
		assertThat(body(get("/activities").param("type", "LECTURE").param("region", "441202"), 200))
			.doesNotContain("公开活动" + tag);
		assertThat(body(get("/activities").param("region", "441203"), 200)).doesNotContain("公开活动" + tag);
		String json = body(get("/api/v1/activities").param("region", "441202").param("lat", "23.05")
			.param("lng", "112.46").param("radius", "1"), 200);
		assertThat(json).contains("公开活动" + tag).contains("\"distanceKm\"");
		assertThat(body(get("/api/v1/activities/" + open.id()), 200)).contains("\"placesLeft\":2");
		body(get("/api/v1/activities/" + draft.id()), 404);
		body(get("/activities/" + draft.id()), 404);
		body(get("/activities/abc"), 404);
	}

	@Test
	void badListParametersAreRefusedNamingTheParameter() throws Exception {
		Map<String, String[]> bad = new LinkedHashMap<>();
		bad.put("lat", new String[] { "abc", "91", "２３", "23😀", "1e5" });
		bad.put("radius", new String[] { "999", "-1", "\u0007" });
		bad.put("type", new String[] { "PARTY", "<script>" });
		bad.put("from", new String[] { "2026-13-01", "x".repeat(500) });
		bad.put("region", new String[] { "44x", "9999999999999" });
		bad.put("page", new String[] { "-1", "１" });
		for (Map.Entry<String, String[]> e : bad.entrySet()) {
			for (String value : e.getValue()) {
				MockHttpServletRequestBuilder api = get("/api/v1/activities").param(e.getKey(), value);
				if (e.getKey().equals("lat")) {
					api = api.param("lng", "112.4");
				}
				String json = body(api, 400);
				assertThat(json).as(e.getKey() + "=" + value).contains("\"field\":\"" + e.getKey() + "\"");
				body(get("/activities").param(e.getKey(), value).param("lng", "112.4"), 400);
			}
		}
	}

	@Test
	void aVolunteerSignsUpOnThePageSeesItInMyActivitiesAndCancels() throws Exception {
		Activity activity = published("页面报名" + ActivityFixtures.tag());
		Shift shift = activities.shifts(activity.id()).get(0);
		ScopedUser volunteer = fixtures.volunteer("页面志愿者");
		// anonymous visitors are told how to take part
		assertThat(body(get("/activities/" + activity.id()), 200)).contains("/login").contains("/volunteers/register")
			.doesNotContain("/shifts/" + shift.id() + "/signup");
		assertThat(body(get("/activities/" + activity.id()).with(as(volunteer, Roles.VOLUNTEER)), 200))
			.contains("/activities/" + activity.id() + "/shifts/" + shift.id() + "/signup");
		MvcResult signed = mvc.perform(post("/activities/" + activity.id() + "/shifts/" + shift.id() + "/signup")
			.with(csrf()).with(as(volunteer, Roles.VOLUNTEER))).andReturn();
		assertThat(signed.getResponse().getRedirectedUrl()).isEqualTo("/activities/" + activity.id() + "?done=CONFIRMED");
		long signupId = jdbc.sql("select id from signup where shift_id = :s and volunteer_id = :v")
			.param("s", shift.id()).param("v", fixtures.volunteerId(volunteer)).query(Long.class).single();
		// signing up again is a conflict, answered with a page saying why
		assertThat(body(post("/activities/" + activity.id() + "/shifts/" + shift.id() + "/signup").with(csrf())
			.with(as(volunteer, Roles.VOLUNTEER)), 409)).contains("您已经报名了这个班次");
		assertThat(body(get("/me/activities").with(as(volunteer, Roles.VOLUNTEER)), 200)).contains(activity.title())
			.contains("/me/activities/signups/" + signupId + "/cancel");
		// another volunteer cannot cancel it
		ScopedUser other = fixtures.volunteer("别人");
		body(post("/me/activities/signups/" + signupId + "/cancel").with(csrf()).with(as(other, Roles.VOLUNTEER)), 404);
		mvc.perform(post("/me/activities/signups/" + signupId + "/cancel").with(csrf()).with(as(volunteer, Roles.VOLUNTEER)))
			.andReturn();
		assertThat(signups.find(signupId).orElseThrow().status()).isEqualTo(SignupStatus.CANCELLED);
		// the API: sign up again (a new live sign-up), list mine, cancel
		String created = body(post("/api/v1/shifts/" + shift.id() + "/signups").with(csrf())
			.with(as(volunteer, Roles.VOLUNTEER)), 201);
		assertThat(created).contains("\"status\":\"CONFIRMED\"");
		assertThat(body(get("/api/v1/me/signups").with(as(volunteer, Roles.VOLUNTEER)), 200)).contains(activity.title());
		body(post("/api/v1/shifts/" + shift.id() + "/signups").with(csrf()).with(as(volunteer, Roles.VOLUNTEER)), 409);
		body(post("/api/v1/shifts/" + shift.id() + "/signups").with(csrf()).with(as(leader, Roles.TEAM_LEADER)), 403);
		body(post("/api/v1/shifts/999999999/signups").with(csrf()).with(as(volunteer, Roles.VOLUNTEER)), 404);
	}

	@Test
	void theCalendarFeedListsConfirmedShiftsAtASecretAddressThatCanBeReplaced() throws Exception {
		Activity activity = published("日历活动" + ActivityFixtures.tag());
		Shift shift = activities.shifts(activity.id()).get(0);
		ScopedUser volunteer = fixtures.volunteer("日历志愿者");
		signups.signUp(shift.id(), volunteer);
		mvc.perform(post("/me/activities/calendar").with(csrf()).with(as(volunteer, Roles.VOLUNTEER))).andReturn();
		String page = body(get("/me/activities").with(as(volunteer, Roles.VOLUNTEER)), 200);
		String url = page.replaceAll("(?s).*value=\"(http[^\"]*/calendar/[^\"]*\\.ics)\".*", "$1");
		String path = url.substring(url.indexOf("/calendar/"));
		MvcResult feed = mvc.perform(get(path)).andReturn();
		assertThat(feed.getResponse().getStatus()).isEqualTo(200);
		assertThat(feed.getResponse().getContentType()).startsWith("text/calendar");
		String ics = feed.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(ics).contains("BEGIN:VCALENDAR").contains("BEGIN:VEVENT").contains(activity.title())
			.contains("DTSTART:" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
				.format(shift.startsAt().atZoneSameInstant(java.time.ZoneOffset.UTC)));
		mvc.perform(post("/me/activities/calendar").with(csrf()).with(as(volunteer, Roles.VOLUNTEER))).andReturn();
		body(get(path), 404);
		mvc.perform(post("/me/activities/calendar/revoke").with(csrf()).with(as(volunteer, Roles.VOLUNTEER))).andReturn();
		assertThat(jdbc.sql("select count(*) from activity_calendar_token where volunteer_id = :v")
			.param("v", fixtures.volunteerId(volunteer)).query(Long.class).single()).isZero();
		body(get("/calendar/not-a-token.ics"), 404);
	}

	private MockHttpServletRequestBuilder form(Map<String, String> overrides) {
		String local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(start.atZoneSameInstant(CityTime.ZONE));
		String end = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
			.format(start.plusHours(2).atZoneSameInstant(CityTime.ZONE));
		Map<String, String> params = new LinkedHashMap<>(Map.of("title", "表单活动", "type", "SERVICE",
				"organizerTeamId", String.valueOf(team), "address", "端州区表单路8号", "regionCode", "441202",
				"shifts[0].startsAt", local, "shifts[0].endsAt", end, "shifts[0].capacity", "30"));
		params.putAll(overrides);
		MockHttpServletRequestBuilder request = post("/admin/activities/new").with(csrf())
			.with(as(leader, Roles.TEAM_LEADER));
		params.forEach(request::param);
		return request;
	}

	private long created() {
		return jdbc.sql("select count(*) from activity where created_by = :u").param("u", leader.username())
			.query(Long.class).single();
	}

	@Test
	void anOrganizerCreatesPublishesSeesTheRosterAndFinishesThroughThePages() throws Exception {
		assertThat(body(get("/admin/activities/new").with(as(leader, Roles.TEAM_LEADER)), 200)).contains("shifts[0].startsAt");
		MvcResult saved = mvc.perform(form(Map.of("shifts[1].startsAt", "", "requiresApproval", "true"))).andReturn();
		assertThat(saved.getResponse().getStatus()).as(saved.getResponse().getContentAsString()).isEqualTo(302);
		long id = Long.parseLong(saved.getResponse().getRedirectedUrl().replaceAll("\\D+(\\d+).*", "$1"));
		Activity activity = activities.find(id).orElseThrow();
		assertThat(activity.requiresApproval()).isTrue();
		assertThat(activities.shifts(id)).hasSize(1).first().extracting(Shift::capacity).isEqualTo(30);
		assertThat(body(get("/admin/activities").with(as(leader, Roles.TEAM_LEADER)), 200)).contains("表单活动");
		mvc.perform(post("/admin/activities/" + id + "/publish").with(csrf()).with(as(leader, Roles.TEAM_LEADER)))
			.andReturn();
		assertThat(activities.find(id).orElseThrow().status()).isEqualTo(ActivityStatus.PUBLISHED);
		Shift shift = activities.shifts(id).get(0);
		ScopedUser volunteer = fixtures.volunteer("欧阳小明");
		Signup pending = signups.signUp(shift.id(), volunteer);
		String roster = body(get("/admin/activities/" + id + "/shifts/" + shift.id()).with(as(leader, Roles.TEAM_LEADER)), 200);
		assertThat(roster).contains("欧**明").doesNotContain("欧阳小明");
		body(post("/admin/activities/" + id + "/signups/" + pending.id() + "/decline").param("reason", "")
			.with(csrf()).with(as(leader, Roles.TEAM_LEADER)), 400);
		mvc.perform(post("/admin/activities/" + id + "/signups/" + pending.id() + "/approve").with(csrf())
			.with(as(leader, Roles.TEAM_LEADER))).andReturn();
		assertThat(signups.find(pending.id()).orElseThrow().status()).isEqualTo(SignupStatus.CONFIRMED);
		// a cancellation needs a reason; the page says so next to the field
		assertThat(body(post("/admin/activities/" + id + "/cancel").param("reason", "").with(csrf())
			.with(as(leader, Roles.TEAM_LEADER)), 400)).contains("cancel-error");
		assertThat(body(get("/me/activities").with(as(volunteer, Roles.VOLUNTEER)), 200)).contains("您的报名已通过");
		// another team's leader does not see it
		ScopedUser stranger = fixtures.leader(fixtures.team("陌生队" + ActivityFixtures.tag(), "441202",
				ActivityFixtures.DUANZHOU_PATH));
		body(get("/admin/activities/" + id).with(as(stranger, Roles.TEAM_LEADER)), 404);
		body(get("/api/v1/admin/activities/" + id).with(as(stranger, Roles.TEAM_LEADER)), 404);
		// a volunteer without a team to lead may not organize at all
		body(get("/admin/activities").with(as(volunteer, Roles.VOLUNTEER)), 403);
	}

	@Test
	void badFormInputIsRefusedNextToItsFieldAndNothingIsStored() throws Exception {
		long before = created();
		Map<String, String[]> bad = new LinkedHashMap<>();
		bad.put("title", new String[] { "", "长".repeat(101), "活动😀", "活动\u0007", "<script>alert(1)</script>" });
		bad.put("address", new String[] { "路".repeat(201), "<b>路</b>" });
		bad.put("shifts[0].capacity", new String[] { "５０", "0", "abc", "100001" });
		bad.put("shifts[0].startsAt", new String[] { "2026-13-45T99:00", "2020-01-01T09:00", "x".repeat(300) });
		bad.put("latitude", new String[] { "abc", "91", "23.1234567" });
		bad.put("organizerTeamId", new String[] { "-3", "１２" });
		bad.put("type", new String[] { "PARTY" });
		bad.put("regionCode", new String[] { "44x" });
		for (Map.Entry<String, String[]> e : bad.entrySet()) {
			for (String value : e.getValue()) {
				Map<String, String> overrides = new LinkedHashMap<>(Map.of(e.getKey(), value));
				if (e.getKey().equals("latitude")) {
					overrides.put("longitude", "112.4");
				}
				String page = body(form(overrides), 400);
				assertThat(page).as(e.getKey() + "=" + value).contains("id=\"" + e.getKey() + "-error\"");
				assertThat(page).doesNotContain("<script>alert(1)</script>");
			}
		}
		assertThat(created()).isEqualTo(before);
	}

	@Test
	void badApiInputIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
		long before = created();
		String shift = "{\"startsAt\":\"" + start + "\",\"endsAt\":\"" + start.plusHours(2) + "\",\"capacity\":10}";
		String good = "{\"title\":\"接口活动\",\"type\":\"SERVICE\",\"organizerTeamId\":" + team
				+ ",\"address\":\"端州区接口路\",\"regionCode\":\"441202\",\"shifts\":[" + shift + "]}";
		Map<String, String> bad = new LinkedHashMap<>();
		bad.put("body", "{\"title\":");
		bad.put("title", good.replace("接口活动", "接口😀"));
		bad.put("shifts[0].capacity", good.replace("\"capacity\":10", "\"capacity\":\"５０\""));
		bad.put("shifts[0].startsAt", good.replace(start.toString(), "yesterday"));
		bad.put("organizerTeamId", good.replace("\"organizerTeamId\":" + team, "\"organizerTeamId\":\"１２\""));
		bad.put("latitude", good.replace("\"title\"", "\"latitude\":\"abc\",\"longitude\":112.4,\"title\""));
		bad.put("type", good.replace("SERVICE", "PARTY"));
		bad.put("description", good.replace("\"title\"", "\"description\":\"a\\u0000b\",\"title\""));
		bad.put("shifts", good.replace("[" + shift + "]", "[]"));
		for (Map.Entry<String, String> e : bad.entrySet()) {
			String json = body(post("/api/v1/admin/activities").with(csrf()).with(as(leader, Roles.TEAM_LEADER))
				.contentType(MediaType.APPLICATION_JSON).content(e.getValue()), 400);
			assertThat(json).as(e.getKey()).contains("\"field\":\"" + e.getKey() + "\"");
		}
		assertThat(created()).isEqualTo(before);
		String done = body(post("/api/v1/admin/activities").with(csrf()).with(as(leader, Roles.TEAM_LEADER))
			.contentType(MediaType.APPLICATION_JSON).content(good), 201);
		assertThat(done).contains("\"storedStatus\":\"DRAFT\"");
		assertThat(created()).isEqualTo(before + 1);
	}
}
