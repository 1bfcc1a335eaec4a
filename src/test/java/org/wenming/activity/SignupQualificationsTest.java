package org.wenming.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.shared.ScopedUser;
import org.wenming.support.WenmingTest;
import org.wenming.training.CompletedCourse;
import org.wenming.training.Qualification;
import org.wenming.training.Trainings;
import org.wenming.volunteer.Volunteers;

/**
 * Shifts that require training (issue 22): a volunteer without the qualification is refused naming it, one who
 * holds it signs up, one whose qualification expires before the shift's day is refused; the same on the single
 * path ({@link Signups#signUp(long, org.wenming.volunteer.Volunteer)}) and on the batch path of the sign-up lanes,
 * also with many volunteers deciding together; the shift's page and JSON show the requirement; the form and the
 * API refuse an unknown qualification naming the field.
 */
@WenmingTest
class SignupQualificationsTest {

	@Autowired
	Activities activities;

	@Autowired
	Signups signups;

	@Autowired
	Trainings trainings;

	@Autowired
	Volunteers volunteers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	MockMvc mvc;

	ActivityFixtures fixtures;

	long team;

	ScopedUser leader;

	OffsetDateTime inThreeDays;

	@BeforeEach
	void aTeamWithALeader() {
		fixtures = new ActivityFixtures(jdbc, regions);
		team = fixtures.team("资质测试队" + ActivityFixtures.tag(), "441202", ActivityFixtures.DUANZHOU_PATH);
		leader = fixtures.leader(team);
		inThreeDays = OffsetDateTime.now().plusDays(3).withNano(0);
	}

	private Activity published(List<ShiftDraft> shifts) {
		Activity activity = activities.create(ActivityFixtures.draft("急救站" + ActivityFixtures.tag(), team, shifts), leader);
		return activities.publish(activity.id(), leader);
	}

	private ShiftDraft firstAidShift(int capacity) {
		return new ShiftDraft(inThreeDays, inThreeDays.plusHours(4), capacity, null, List.of(),
				List.of(Qualification.FIRST_AID.name()));
	}

	/** A first-aid course completed elsewhere on the day: valid 36 months from it (until the day before). */
	private void firstAid(ScopedUser volunteer, LocalDate completedOn) {
		assertThat(trainings.recordExternal(fixtures.volunteerId(volunteer), "测试来源", ActivityFixtures.tag(),
				new CompletedCourse("红十字救护员培训", "肇庆市红十字会", new BigDecimal("16"), completedOn, "端州区",
						true, "RC-1", Qualification.FIRST_AID, null))).isTrue();
	}

	private static List<String> refusal(Runnable step) {
		try {
			step.run();
		}
		catch (ActivityRefusedException ex) {
			return ex.problems().stream().map(p -> p.messageKey()).toList();
		}
		return List.of("not refused");
	}

	@Test
	void theBatchPathRefusesWithoutTheQualificationOrWhenItExpiresBeforeTheShift() {
		long shift = activities.shifts(published(List.of(firstAidShift(10))).id()).get(0).id();
		ScopedUser none = fixtures.volunteer("无急救");
		ScopedUser holder = fixtures.volunteer("有急救");
		ScopedUser expiring = fixtures.volunteer("快过期");
		firstAid(holder, LocalDate.now().minusMonths(2));
		// valid until the day after tomorrow: expired on the shift's day, three days ahead
		firstAid(expiring, Activities.cityDate(inThreeDays).minusMonths(36).minusDays(1));
		assertThat(trainings.held(fixtures.volunteerId(expiring)).get(0).validUntil())
			.isEqualTo(Activities.cityDate(inThreeDays).minusDays(2));

		assertThat(refusal(() -> signups.signUp(shift, none)))
			.containsExactly("activity.error.trainingMissing.FIRST_AID");
		assertThat(refusal(() -> signups.signUp(shift, expiring)))
			.containsExactly("activity.error.trainingMissing.FIRST_AID");
		assertThat(signups.signUp(shift, holder).status()).isEqualTo(SignupStatus.CONFIRMED);
		assertThat(fixtures.counts(shift)).containsExactly(1, 0);
	}

	@Test
	void theSinglePathAppliesTheSameRuleAndNamesEveryMissingQualification() {
		long shift = activities.shifts(published(List.of(new ShiftDraft(inThreeDays, inThreeDays.plusHours(4), 10, null,
				List.of(), List.of("FIRST_AID", "WATER_RESCUE")))).id()).get(0).id();
		ScopedUser none = fixtures.volunteer("都没有");
		ScopedUser half = fixtures.volunteer("只有急救");
		firstAid(half, LocalDate.now().minusDays(10));
		var noneVolunteer = volunteers.find(fixtures.volunteerId(none)).orElseThrow();
		var halfVolunteer = volunteers.find(fixtures.volunteerId(half)).orElseThrow();
		assertThat(refusal(() -> signups.signUp(shift, noneVolunteer))).containsExactly(
				"activity.error.trainingMissing.FIRST_AID", "activity.error.trainingMissing.WATER_RESCUE");
		assertThat(refusal(() -> signups.signUp(shift, halfVolunteer)))
			.containsExactly("activity.error.trainingMissing.WATER_RESCUE");
		trainings.recordExternal(fixtures.volunteerId(half), "测试来源", ActivityFixtures.tag(), new CompletedCourse(
				"水上救援", "市应急管理局", new BigDecimal("8"), LocalDate.now().minusDays(3), null, false, null,
				Qualification.WATER_RESCUE, null));
		assertThat(signups.signUp(shift, halfVolunteer).status()).isEqualTo(SignupStatus.CONFIRMED);
		assertThat(fixtures.counts(shift)).containsExactly(1, 0);
	}

	@Test
	void manyVolunteersDecidedTogetherAreEachJudgedByWhatTheyHold() throws Exception {
		long shift = activities.shifts(published(List.of(firstAidShift(50))).id()).get(0).id();
		List<ScopedUser> holders = new ArrayList<>();
		List<ScopedUser> others = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			ScopedUser holder = fixtures.volunteer("持证" + i);
			firstAid(holder, LocalDate.now().minusMonths(1));
			holders.add(holder);
			others.add(fixtures.volunteer("未持证" + i));
		}
		ExecutorService pool = Executors.newFixedThreadPool(16);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				for (ScopedUser v : List.of(holders.get(i), others.get(i))) {
					Callable<String> task = () -> {
						start.await();
						try {
							return signups.signUp(shift, v).status().name();
						}
						catch (ActivityRefusedException ex) {
							return ex.messageKey();
						}
					};
					answers.add(pool.submit(task));
				}
			}
			start.countDown();
			List<String> outcomes = new ArrayList<>();
			for (Future<String> f : answers) {
				outcomes.add(f.get());
			}
			for (int i = 0; i < 16; i++) {
				assertThat(outcomes.get(i)).isEqualTo(i % 2 == 0 ? "CONFIRMED" : "activity.error.trainingMissing.FIRST_AID");
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(fixtures.counts(shift)).containsExactly(8, 0);
	}

	@Test
	void aShiftWithoutRequirementsIsUntouchedAndThePageShowsTheRequirement() throws Exception {
		Activity activity = published(List.of(firstAidShift(5), ActivityFixtures.shift(inThreeDays.plusHours(5), 2, 5)));
		List<Shift> shifts = activities.shifts(activity.id());
		assertThat(shifts.get(0).requiredQualifications()).containsExactly("FIRST_AID");
		assertThat(shifts.get(1).requiredQualifications()).isEmpty();
		ScopedUser none = fixtures.volunteer("普通志愿者");
		assertThat(signups.signUp(shifts.get(1).id(), none).status()).isEqualTo(SignupStatus.CONFIRMED);

		String page = mvc.perform(get("/activities/" + activity.id())).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("所需培训资质").contains("急救");
		String json = mvc.perform(get("/api/v1/activities/" + activity.id())).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(json).contains("\"requiredQualifications\":[\"FIRST_AID\"]").contains("\"requiredQualifications\":[]");
	}

	@Test
	void theOrganizersFormAndApiStoreTheRequirementAndRefuseAnUnknownOne() throws Exception {
		var as = new TestUsers(regions).person(leader.userId(), "441202", Roles.TEAM_LEADER);
		String local = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
			.format(inThreeDays.atZoneSameInstant(org.wenming.shared.CityTime.ZONE));
		String end = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
			.format(inThreeDays.plusHours(2).atZoneSameInstant(org.wenming.shared.CityTime.ZONE));
		String title = "表单急救站" + ActivityFixtures.tag();
		var form = post("/admin/activities/new").with(csrf()).with(as).param("title", title).param("type", "SERVICE")
			.param("organizerTeamId", String.valueOf(team)).param("address", "端州区表单路8号").param("regionCode", "441202")
			.param("shifts[0].startsAt", local).param("shifts[0].endsAt", end).param("shifts[0].capacity", "30");
		MvcResult refused = mvc.perform(form.param("shifts[0].requiredQualifications", "JUGGLING")).andReturn();
		assertThat(refused.getResponse().getStatus()).isEqualTo(400);
		assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("请从培训资质列表中选择");
		assertThat(jdbc.sql("select count(*) from activity where title = :t").param("t", title).query(Long.class).single())
			.isZero();
		MvcResult saved = mvc.perform(post("/admin/activities/new").with(csrf()).with(as).param("title", title)
			.param("type", "SERVICE").param("organizerTeamId", String.valueOf(team)).param("address", "端州区表单路8号")
			.param("regionCode", "441202").param("shifts[0].startsAt", local).param("shifts[0].endsAt", end)
			.param("shifts[0].capacity", "30").param("shifts[0].requiredQualifications", "FIRST_AID", "ELDER_CARE"))
			.andReturn();
		assertThat(saved.getResponse().getStatus()).isEqualTo(302);
		long id = jdbc.sql("select id from activity where title = :t").param("t", title).query(Long.class).single();
		assertThat(activities.shifts(id).get(0).requiredQualifications()).containsExactly("FIRST_AID", "ELDER_CARE");
		// the form shows them ticked again
		assertThat(mvc.perform(get("/admin/activities/" + id + "/edit").with(as)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).containsPattern("value=\"FIRST_AID\"\\s+checked");

		String shift = "{\"startsAt\":\"" + inThreeDays + "\",\"endsAt\":\"" + inThreeDays.plusHours(2)
				+ "\",\"capacity\":10,\"requiredQualifications\":[\"FLYING\"]}";
		MvcResult api = mvc.perform(post("/api/v1/admin/activities").with(csrf()).with(as)
			.contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"接口急救站\",\"type\":\"SERVICE\","
					+ "\"organizerTeamId\":" + team + ",\"address\":\"端州区接口路\",\"regionCode\":\"441202\","
					+ "\"shifts\":[" + shift + "]}"))
			.andReturn();
		assertThat(api.getResponse().getStatus()).isEqualTo(400);
		assertThat(api.getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains("\"field\":\"shifts[0].requiredQualifications\"");
	}

	@Test
	void anUnknownQualificationIsRefusedNamingTheShiftsField() {
		ActivityRefusedException refused = null;
		try {
			activities.create(ActivityFixtures.draft("未知资质", team, List.of(new ShiftDraft(inThreeDays,
					inThreeDays.plusHours(2), 5, null, List.of(), List.of("JUGGLING")))), leader);
		}
		catch (ActivityRefusedException ex) {
			refused = ex;
		}
		assertThat(refused).isNotNull();
		assertThat(refused.problems()).extracting(p -> p.field() + "=" + p.messageKey())
			.contains("shifts[0].requiredQualifications=activity.error.qualification");
	}
}
