package org.wenming.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopeViolation;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * The service desk's shifts (issue 17): created for one team, published at once, unlisted, without a
 * waitlist. Taking (接单) is signing up: never more takers than places, under real concurrency on the
 * real database; only the team takes and sees it.
 */
@WenmingTest
@RecordApplicationEvents
class ServiceShiftTest {

	static final String VILLAGE = "441202001002";

	@Autowired
	Activities activities;

	@Autowired
	Signups signups;

	@Autowired
	CalendarFeeds calendars;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationEvents events;

	ActivityFixtures fixtures;

	TestUsers users;

	long team;

	ScopedUser leader;

	@BeforeEach
	void aTeam() {
		fixtures = new ActivityFixtures(jdbc, regions);
		users = new TestUsers(regions);
		team = fixtures.team("接单测试队" + ActivityFixtures.tag(), "441202", ActivityFixtures.DUANZHOU_PATH);
		leader = fixtures.leader(team);
	}

	private ServiceShiftDraft draft(String title, OffsetDateTime start, int places) {
		return new ServiceShiftDraft(team, title, "帮助独居老人打扫卫生", VILLAGE, start, start.plusHours(2), places);
	}

	private Shift serviceShift(String title, int places) {
		return activities.createServiceShift(
				draft(title, OffsetDateTime.now().plusDays(2).truncatedTo(ChronoUnit.MINUTES), places), "desk-test");
	}

	private ScopedUser member(String name) {
		ScopedUser v = fixtures.volunteer(name);
		fixtures.member(team, v);
		return v;
	}

	private String body(MockHttpServletRequestBuilder request, int status) throws Exception {
		MvcResult result = org.wenming.support.AsyncAnswers.perform(mvc, request);
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void aServiceShiftIsPublishedAtOnceUnlistedWithoutAWaitlistAtTheVillageOnly() {
		Shift shift = serviceShift("上门服务" + ActivityFixtures.tag(), 3);
		Activity activity = activities.find(shift.activityId()).orElseThrow();
		assertThat(activity.status()).isEqualTo(ActivityStatus.PUBLISHED);
		assertThat(activity.publishedAt()).isNotNull();
		assertThat(activity.type()).isEqualTo(ActivityType.SERVICE);
		assertThat(activity.organizerTeamId()).isEqualTo(team);
		assertThat(activity.listed()).isFalse();
		assertThat(activity.waitlist()).isFalse();
		assertThat(activity.requiresApproval()).isFalse();
		assertThat(activity.address()).isNull();
		assertThat(activity.siteId()).isNull();
		assertThat(activity.latitude()).isNull();
		assertThat(activity.longitude()).isNull();
		assertThat(activity.geofenceRadiusM()).isNull();
		assertThat(activity.regionCode()).isEqualTo(VILLAGE);
		assertThat(activity.createdBy()).isEqualTo("desk-test");
		assertThat(activities.shifts(activity.id())).containsExactly(shift);
		assertThat(shift.capacity()).isEqualTo(3);
		// every activity made the usual way keeps today's behaviour
		Activity usual = activities.create(ActivityFixtures.draft("普通活动", team,
				List.of(ActivityFixtures.shift(OffsetDateTime.now().plusDays(2), 2, 5))), leader);
		assertThat(usual.listed()).isTrue();
		assertThat(usual.waitlist()).isTrue();
	}

	@Test
	void badInputIsRefusedAsCreateRefusesItAndNothingIsStored() {
		long before = jdbc.sql("select count(*) from activity").query(Long.class).single();
		OffsetDateTime start = OffsetDateTime.now().plusDays(1);
		assertThatThrownBy(() -> activities.createServiceShift(draft("容量为零", start, 0), "desk-test"))
			.isInstanceOfSatisfying(ActivityRefusedException.class,
					e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("shifts[0].capacity"));
		assertThatThrownBy(() -> activities.createServiceShift(
				new ServiceShiftDraft(team, "时间颠倒", "说明", VILLAGE, start, start.minusHours(1), 2), "desk-test"))
			.isInstanceOf(ActivityRefusedException.class);
		assertThatThrownBy(() -> activities.createServiceShift(draft("已经开始", OffsetDateTime.now().minusHours(1), 2),
				"desk-test")).isInstanceOf(ActivityRefusedException.class);
		// a town, not a village
		assertThatThrownBy(() -> activities.createServiceShift(
				new ServiceShiftDraft(team, "乡镇", "说明", "441202001", start, start.plusHours(1), 2), "desk-test"))
			.isInstanceOfSatisfying(ActivityRefusedException.class,
					e -> assertThat(e.messageKey()).isEqualTo("activity.error.regionNotVillage"));
		// a village outside the team's region (鼎湖区)
		assertThatThrownBy(() -> activities.createServiceShift(
				new ServiceShiftDraft(team, "区外", "说明", "441203001001", start, start.plusHours(1), 2), "desk-test"))
			.isInstanceOf(ActivityRefusedException.class);
		// a team that is not active
		jdbc.sql("update team set status = 'DISSOLVED' where id = :id").param("id", team).update();
		assertThatThrownBy(() -> activities.createServiceShift(draft("队伍已解散", start, 2), "desk-test"))
			.isInstanceOfSatisfying(ActivityRefusedException.class,
					e -> assertThat(e.messageKey()).isEqualTo("activity.error.organizerUnknown"));
		assertThat(jdbc.sql("select count(*) from activity").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void twoHundredMembersTakingThreePlacesAtOnceGetExactlyThreeEveryTime() throws Exception {
		List<ScopedUser> people = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			people.add(member("接单" + i));
		}
		for (int round = 0; round < 5; round++) {
			// one shift after another, none overlapping, so each volunteer may take one place of each
			OffsetDateTime start = OffsetDateTime.now().plusDays(2 + round).truncatedTo(ChronoUnit.MINUTES);
			Shift shift = activities.createServiceShift(draft("并发接单" + round, start, 3), "desk-test");
			List<Callable<Signup>> tasks = new ArrayList<>();
			people.forEach(p -> tasks.add(() -> signups.signUp(shift.id(), p)));
			List<Object> results = ActivityFixtures.runAtOnce(tasks, 40);

			assertThat(results.stream().filter(r -> r instanceof Signup s && s.status() == SignupStatus.CONFIRMED))
				.as("round %d", round).hasSize(3);
			assertThat(results.stream().filter(r -> r instanceof ActivityRefusedException e
					&& e.messageKey().equals("activity.error.noPlacesLeft"))).as("round %d", round).hasSize(197);
			assertThat(jdbc.sql("select count(*) from signup where shift_id = :s").param("s", shift.id())
				.query(Long.class).single()).isEqualTo(3);
			assertThat(fixtures.rows(shift.id(), "CONFIRMED")).isEqualTo(3);
			assertThat(fixtures.counts(shift.id())).containsExactly(3, 0);
		}
	}

	@Test
	void aCancelledTakerFreesThePlaceForTheNextAndOutsidersAreRefused() {
		Shift shift = serviceShift("取消接单" + ActivityFixtures.tag(), 1);
		ScopedUser first = member("第一位");
		ScopedUser second = member("第二位");
		ScopedUser outsider = fixtures.volunteer("队外志愿者");

		assertThatThrownBy(() -> signups.signUp(shift.id(), outsider)).isInstanceOfSatisfying(
				ActivityRefusedException.class, e -> assertThat(e.messageKey()).isEqualTo("activity.error.teamOnly"));
		Signup taken = signups.signUp(shift.id(), first);
		assertThat(taken.status()).isEqualTo(SignupStatus.CONFIRMED);
		assertThatThrownBy(() -> signups.signUp(shift.id(), second)).isInstanceOfSatisfying(
				ActivityRefusedException.class, e -> {
					assertThat(e.messageKey()).isEqualTo("activity.error.noPlacesLeft");
					assertThat(e.kind()).isEqualTo(ActivityRefusedException.Kind.CONFLICT);
				});
		assertThat(fixtures.rows(shift.id(), "WAITLISTED")).isZero();

		assertThat(signups.cancel(taken.id(), first).status()).isEqualTo(SignupStatus.CANCELLED);
		assertThat(fixtures.counts(shift.id())).containsExactly(0, 0);
		assertThat(signups.signUp(shift.id(), second).status()).isEqualTo(SignupStatus.CONFIRMED);
		assertThat(fixtures.counts(shift.id())).containsExactly(1, 0);
		assertThat(jdbc.sql("select count(*) from signup where shift_id = :s and volunteer_id = :v")
			.param("s", shift.id()).param("v", fixtures.volunteerId(outsider)).query(Long.class).single()).isZero();
	}

	@Test
	void theWebRefusesOutsidersAndAFullShiftWithTheReason() throws Exception {
		Shift shift = serviceShift("网页接单" + ActivityFixtures.tag(), 1);
		ScopedUser taker = member("先接单");
		ScopedUser late = member("后接单");
		ScopedUser outsider = fixtures.volunteer("队外");
		body(post("/api/v1/shifts/" + shift.id() + "/signups").with(csrf())
			.with(users.person(taker.userId(), "441202", Roles.VOLUNTEER)), 201);
		assertThat(body(post("/api/v1/shifts/" + shift.id() + "/signups").with(csrf())
			.header("Accept-Language", "zh-CN").with(users.person(late.userId(), "441202", Roles.VOLUNTEER)), 409))
			.contains("名额已满");
		assertThat(body(post("/api/v1/shifts/" + shift.id() + "/signups").with(csrf())
			.header("Accept-Language", "zh-CN").with(users.person(outsider.userId(), "441202", Roles.VOLUNTEER)), 403))
			.contains("只接受组织队伍的队员");
		assertThat(fixtures.counts(shift.id())).containsExactly(1, 0);
		// the page says so instead of offering a waitlist
		assertThat(body(get("/activities/" + shift.activityId()).header("Accept-Language", "zh-CN")
			.with(users.person(late.userId(), "441202", Roles.VOLUNTEER)), 200)).contains("名额已满")
			.doesNotContain("加入候补");
	}

	@Test
	void anUnlistedActivityIsSeenOnlyByTheTeamItsLeadersAndStaffInScope() throws Exception {
		String title = "上门陪护" + ActivityFixtures.tag();
		Shift shift = serviceShift(title, 2);
		long id = shift.activityId();
		// a listed activity of the same team and time shows the lists do work
		String listedTitle = "公开活动" + ActivityFixtures.tag();
		Activity listed = activities.create(ActivityFixtures.draft(listedTitle, team,
				List.of(ActivityFixtures.shift(shift.startsAt(), 2, 5))), leader);
		activities.publish(listed.id(), leader);
		ScopedUser member = member("本队队员");
		ScopedUser outsider = fixtures.volunteer("外队志愿者");

		// absent from the directory page, its JSON API (also near me) and the calendar feed of anyone else
		String day = shift.startsAt().atZoneSameInstant(org.wenming.shared.CityTime.ZONE).toLocalDate().toString();
		assertThat(body(get("/activities").param("region", "441202").param("from", day).param("to", day), 200))
			.contains(listedTitle).doesNotContain(title);
		assertThat(body(get("/api/v1/activities").param("region", "441202").param("from", day).param("to", day)
			.param("size", "100"), 200)).contains(listedTitle).doesNotContain(title);
		assertThat(body(get("/api/v1/activities").param("lat", "23.05").param("lng", "112.46").param("radius", "50")
			.param("from", day).param("to", day).param("size", "100"), 200)).doesNotContain(title);
		String token = calendars.regenerate(fixtures.volunteerId(outsider));
		signups.signUp(activities.shifts(listed.id()).get(0).id(), outsider);
		assertThat(calendars.feed(token, "https://example.org").orElseThrow()).contains(listedTitle)
			.doesNotContain(title);

		// the page and its JSON: 404 for an anonymous visitor and for a volunteer outside the team
		body(get("/activities/" + id), 404);
		body(get("/api/v1/activities/" + id), 404);
		body(get("/activities/" + id).with(users.person(outsider.userId(), "441202", Roles.VOLUNTEER)), 404);
		body(get("/api/v1/activities/" + id).with(users.person(outsider.userId(), "441202", Roles.VOLUNTEER)), 404);
		// staff outside its scope: 404, and recorded for the security audit
		body(get("/activities/" + id).with(users.staff("441203", Roles.OFFICE_STAFF)), 404);
		assertThat(events.stream(ScopeViolation.class)
			.filter(v -> v.resource().equals("activity") && v.id().equals(String.valueOf(id)))).hasSize(1);

		// a member of the team: village and time, no address
		String page = body(get("/activities/" + id).header("Accept-Language", "zh-CN")
			.with(users.person(member.userId(), "441202", Roles.VOLUNTEER)), 200);
		assertThat(page).contains(title).contains(regions.find(VILLAGE).orElseThrow().name())
			.doesNotContain("端州区测试路");
		String json = body(get("/api/v1/activities/" + id).with(users.person(member.userId(), "441202", Roles.VOLUNTEER)),
				200);
		assertThat(json).contains(title).contains(VILLAGE).doesNotContain("\"address\"")
			.doesNotContain("\"latitude\"");
		// its leader and staff in scope
		body(get("/activities/" + id).with(users.person(leader.userId(), "441202", Roles.TEAM_LEADER)), 200);
		body(get("/api/v1/activities/" + id).with(users.staff("4412", Roles.OFFICE_STAFF)), 200);

		// the taker's own views keep working: my activities (at the village) and their calendar
		signups.signUp(shift.id(), member);
		String mine = body(get("/me/activities").with(users.person(member.userId(), "441202", Roles.VOLUNTEER)), 200);
		assertThat(mine).contains(title).contains(regions.find(VILLAGE).orElseThrow().name());
		String own = calendars.regenerate(fixtures.volunteerId(member));
		assertThat(calendars.feed(own, "https://example.org").orElseThrow()).contains(title);
	}
}
