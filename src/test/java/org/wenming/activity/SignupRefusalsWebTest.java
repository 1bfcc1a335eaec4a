package org.wenming.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * Issue 21's bad input over HTTP: a sign-up for a shift that is full (no waitlist), whose activity was
 * cancelled, that has begun or is over, or whose activity is not open yet (a draft) is refused with a 4xx
 * saying why (the bundle's message for the reason, in the reader's language), on the API and on the page,
 * and nothing is stored; and one volunteer firing the same sign-up 100 times at once through the API gets
 * one sign-up, every other answer the same sign-up or 409 "already signed up", never a 5xx.
 */
@WenmingTest
class SignupRefusalsWebTest {

	private static final Pattern SIGNUP_ID = Pattern.compile("\"id\":(\\d+)");

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

	@Autowired
	MessageSource messages;

	ActivityFixtures fixtures;

	TestUsers users;

	long team;

	ScopedUser leader;

	OffsetDateTime start;

	@BeforeEach
	void aTeamWithALeader() {
		fixtures = new ActivityFixtures(jdbc, regions);
		users = new TestUsers(regions);
		team = fixtures.team("拒绝测试队" + ActivityFixtures.tag(), "441202", ActivityFixtures.DUANZHOU_PATH);
		leader = fixtures.leader(team);
		start = OffsetDateTime.now().plusDays(4).withNano(0);
	}

	private Activity draft(int capacity) {
		return activities.create(ActivityFixtures.draft("拒绝报名" + ActivityFixtures.tag(), team,
				List.of(ActivityFixtures.shift(start, 3, capacity))), leader);
	}

	private Shift shiftOf(Activity activity) {
		return activities.shifts(activity.id()).get(0);
	}

	private MockHttpServletRequestBuilder apiSignUp(Shift shift, ScopedUser volunteer, String language) {
		return post("/api/v1/shifts/" + shift.id() + "/signups").with(csrf())
			.with(users.person(volunteer.userId(), "441202", Roles.VOLUNTEER)).header("Accept-Language", language);
	}

	private MockHttpServletRequestBuilder pageSignUp(Shift shift, ScopedUser volunteer) {
		return post("/activities/" + shift.activityId() + "/shifts/" + shift.id() + "/signup").with(csrf())
			.with(users.person(volunteer.userId(), "441202", Roles.VOLUNTEER)).header("Accept-Language", "zh-CN");
	}

	private String message(String key, Locale locale) {
		return messages.getMessage(key, null, locale);
	}

	private long rows(Shift shift) {
		return jdbc.sql("select count(*) from signup where shift_id = :s").param("s", shift.id()).query(Long.class)
			.single();
	}

	/**
	 * The sign-up is refused with the status and the reason (the message of the key, in English and in
	 * Chinese on the API, in Chinese on the page), and adds no row.
	 */
	private void refused(Shift shift, ScopedUser volunteer, int status, String key) throws Exception {
		long before = rows(shift);
		for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
			MvcResult api = org.wenming.support.AsyncAnswers.perform(mvc, apiSignUp(shift, volunteer, locale.toLanguageTag()));
			String json = api.getResponse().getContentAsString(StandardCharsets.UTF_8);
			assertThat(api.getResponse().getStatus()).as(key + " " + locale + ": " + json).isEqualTo(status);
			assertThat(api.getResponse().getContentType()).as(key).contains("json");
			assertThat(json).as(key + " " + locale).contains("\"detail\":\"" + message(key, locale) + "\"");
		}
		MvcResult page = mvc.perform(pageSignUp(shift, volunteer)).andReturn();
		assertThat(page.getResponse().getStatus()).as(key + " (page)").isEqualTo(status);
		assertThat(page.getResponse().getContentAsString(StandardCharsets.UTF_8)).as(key + " (page)")
			.contains(message(key, Locale.SIMPLIFIED_CHINESE));
		assertThat(rows(shift)).as(key + ": rows").isEqualTo(before);
	}

	@Test
	void aFullShiftWithoutAWaitlistRefusesSayingNoPlacesAreLeftAndWithAWaitlistQueues() throws Exception {
		Activity noWaitlist = draft(1);
		jdbc.sql("update activity set waitlist = false where id = :id").param("id", noWaitlist.id()).update();
		activities.publish(noWaitlist.id(), leader);
		Shift full = shiftOf(noWaitlist);
		signups.signUp(full.id(), fixtures.volunteer("占位者"));
		refused(full, fixtures.volunteer("晚来者"), 409, "activity.error.noPlacesLeft");
		assertThat(fixtures.counts(full.id())).containsExactly(1, 0);

		// the same with a waitlist (the default): 201, onto the waitlist
		Activity withWaitlist = activities.publish(draft(1).id(), leader);
		Shift queued = shiftOf(withWaitlist);
		signups.signUp(queued.id(), fixtures.volunteer("先来者"));
		MvcResult answer = org.wenming.support.AsyncAnswers.perform(mvc, apiSignUp(queued, fixtures.volunteer("候补者"), "en"));
		assertThat(answer.getResponse().getStatus()).isEqualTo(201);
		assertThat(answer.getResponse().getContentAsString()).contains("\"status\":\"WAITLISTED\"");
		assertThat(fixtures.counts(queued.id())).containsExactly(1, 1);
	}

	@Test
	void aCancelledActivityRefusesSayingItTakesNoSignups() throws Exception {
		Activity activity = activities.publish(draft(5).id(), leader);
		Shift shift = shiftOf(activity);
		signups.signUp(shift.id(), fixtures.volunteer("已报名"));
		activities.cancel(activity.id(), "暴雨，活动取消", leader);
		refused(shift, fixtures.volunteer("取消后报名"), 409, "activity.error.notOpen");
		assertThat(fixtures.counts(shift.id())).containsExactly(0, 0);
	}

	@Test
	void aShiftThatHasBegunOrIsOverRefusesSayingSo() throws Exception {
		Activity activity = activities.publish(draft(5).id(), leader);
		Shift shift = shiftOf(activity);
		fixtures.moveShift(shift.id(), OffsetDateTime.now().minusMinutes(10), OffsetDateTime.now().plusHours(2));
		refused(shift, fixtures.volunteer("开始后报名"), 409, "activity.error.shiftStarted");
		fixtures.moveShift(shift.id(), OffsetDateTime.now().minusDays(2), OffsetDateTime.now().minusDays(2).plusHours(3));
		refused(shift, fixtures.volunteer("结束后报名"), 409, "activity.error.shiftStarted");
		assertThat(fixtures.counts(shift.id())).containsExactly(0, 0);
	}

	@Test
	void anActivityNotOpenYetRefusesSayingItTakesNoSignups() throws Exception {
		Activity draft = draft(5);
		Shift shift = shiftOf(draft);
		ScopedUser early = fixtures.volunteer("提前报名");
		refused(shift, early, 409, "activity.error.notOpen");
		// once published, the same request is taken
		activities.publish(draft.id(), leader);
		MvcResult answer = org.wenming.support.AsyncAnswers.perform(mvc, apiSignUp(shift, early, "en"));
		assertThat(answer.getResponse().getStatus()).isEqualTo(201);
		assertThat(fixtures.counts(shift.id())).containsExactly(1, 0);
	}

	@Test
	void theSameSignupFiredAHundredTimesAtOnceThroughTheApiGivesOneSignupAndNoServerError() throws Exception {
		Activity activity = activities.publish(draft(5).id(), leader);
		Shift shift = shiftOf(activity);
		ScopedUser volunteer = fixtures.volunteer("百次点击");
		List<Callable<MvcResult>> tasks = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			tasks.add(() -> org.wenming.support.AsyncAnswers.perform(mvc, apiSignUp(shift, volunteer, "en")));
		}
		List<Object> results = ActivityFixtures.runAtOnce(tasks, 100);

		assertThat(results).as("no exception escaped").allMatch(r -> r instanceof MvcResult);
		List<String> created = new ArrayList<>();
		String already = message("activity.error.alreadySignedUp", Locale.ENGLISH);
		for (Object r : results) {
			MvcResult result = (MvcResult) r;
			int status = result.getResponse().getStatus();
			String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
			if (status == 201) {
				Matcher id = SIGNUP_ID.matcher(body);
				assertThat(id.find()).as(body).isTrue();
				created.add(id.group(1));
			}
			else {
				assertThat(status).as(body).isEqualTo(409);
				assertThat(body).contains(already);
			}
		}
		assertThat(created).as("201 answers").isNotEmpty();
		assertThat(created.stream().distinct()).as("distinct sign-ups answered").hasSize(1);
		assertThat(rows(shift)).isEqualTo(1);
		assertThat(fixtures.rows(shift.id(), "CONFIRMED")).isEqualTo(1);
		assertThat(fixtures.counts(shift.id())).containsExactly(1, 0);
	}
}
