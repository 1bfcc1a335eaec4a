package org.wenming.activity.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.wenming.activity.ActivityType;
import org.wenming.activity.AttendanceConfirmed;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteers;

/**
 * The organizer's roster, entries by hand and the confirmation that publishes
 * {@link AttendanceConfirmed} with the attendance that counts, clipped to the shift.
 */
@WenmingTest
@RecordApplicationEvents
class AttendanceConfirmationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Volunteers volunteers;

	@Autowired
	Regions regions;

	@Autowired
	CheckinTokens tokens;

	@Autowired
	Checkins checkins;

	@Autowired
	ApplicationEvents events;

	CheckinFixtures fixtures;

	CheckinFixtures.Organizer organizer;

	Instant now;

	@BeforeEach
	void anOrganizer() {
		fixtures = new CheckinFixtures(jdbc, volunteers, regions);
		organizer = fixtures.team();
		now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
	}

	List<AttendanceConfirmed> published(long shift) {
		return events.stream(AttendanceConfirmed.class).filter(e -> e.shiftId() == shift).toList();
	}

	@Test
	void confirmingCountsPresenceClipsToTheShiftAndPublishesTheEventOnce() throws Exception {
		// a three-hour shift that ended ten minutes ago
		Instant start = now.minus(Duration.ofMinutes(190));
		Instant end = now.minus(Duration.ofMinutes(10));
		long shift = fixtures.shift(organizer, start, end);
		CheckinFixtures.Person early = fixtures.volunteer();
		CheckinFixtures.Person twoHours = fixtures.volunteer();
		CheckinFixtures.Person oneHour = fixtures.volunteer();
		CheckinFixtures.Person forgot = fixtures.volunteer();
		CheckinFixtures.Person absent = fixtures.volunteer();
		for (CheckinFixtures.Person p : List.of(early, twoHours, oneHour, forgot, absent)) {
			fixtures.confirmedSignUp(shift, p.volunteerId());
		}
		// came 20 minutes early by a queued scan, left by a queued scan 5 minutes after the end
		Instant arrived = start.minus(Duration.ofMinutes(20));
		checkins.scan(early.principal(), "early-in-" + CheckinFixtures.tag(), tokens.issue(shift, tokens.slot(arrived)),
				"IN", arrived, null, null);
		Instant left = end.plus(Duration.ofMinutes(5));
		checkins.scan(early.principal(), "early-out-" + CheckinFixtures.tag(), tokens.issue(shift, tokens.slot(left)),
				"OUT", left, null, null);
		// entered by the leader: two of three hours (counts at 0.6), one of three (does not)
		checkins.byStaff(organizer.principal(), shift, twoHours.volunteerId(), "IN", "手机没电，现场核实", start.plus(Duration.ofHours(1)));
		checkins.byStaff(organizer.principal(), shift, twoHours.volunteerId(), "OUT", "手机没电，现场核实", end);
		checkins.byStaff(organizer.principal(), shift, oneHour.volunteerId(), "IN", "现场核实到岗情况", start);
		checkins.byStaff(organizer.principal(), shift, oneHour.volunteerId(), "OUT", "现场核实离岗情况", start.plus(Duration.ofHours(1)));
		// checked in at the start and never out
		checkins.byStaff(organizer.principal(), shift, forgot.volunteerId(), "IN", "现场核实到岗情况", start);

		MvcResult result = mvc.perform(post("/api/v1/checkin/shifts/" + shift + "/confirmation")
				.with(organizer.signedIn()).with(csrf())).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);

		List<AttendanceConfirmed> published = published(shift);
		assertThat(published).hasSize(1);
		AttendanceConfirmed event = published.get(0);
		assertThat(event.activityType()).isEqualTo(ActivityType.SERVICE);
		assertThat(event.organizer().kind()).isEqualTo(AttendanceConfirmed.Organizer.Kind.TEAM);
		assertThat(event.organizer().id()).isEqualTo(organizer.teamId());
		assertThat(event.organizer().regionPath()).isEqualTo(CheckinFixtures.DUANZHOU_PATH);
		assertThat(event.attendances()).extracting(AttendanceConfirmed.Attendance::volunteerId)
				.containsExactlyInAnyOrder(early.volunteerId(), twoHours.volunteerId(), forgot.volunteerId());
		AttendanceConfirmed.Attendance earlyOne = event.attendances().stream()
				.filter(a -> a.volunteerId() == early.volunteerId()).findFirst().orElseThrow();
		assertThat(earlyOne.start().toInstant()).isEqualTo(start);
		assertThat(earlyOne.end().toInstant()).isEqualTo(end);
		assertThat(earlyOne.recordedBy()).isEqualTo(early.principal().username());
		assertThat(earlyOne.autoCheckedOut()).isFalse();
		AttendanceConfirmed.Attendance forgotten = event.attendances().stream()
				.filter(a -> a.volunteerId() == forgot.volunteerId()).findFirst().orElseThrow();
		assertThat(forgotten.autoCheckedOut()).isTrue();
		assertThat(forgotten.end().toInstant()).isEqualTo(end);
		AttendanceConfirmed.Attendance entered = event.attendances().stream()
				.filter(a -> a.volunteerId() == twoHours.volunteerId()).findFirst().orElseThrow();
		assertThat(entered.recordedBy()).isEqualTo(organizer.principal().username());
		assertThat(entered.start().toInstant()).isEqualTo(start.plus(Duration.ofHours(1)));

		Map<Long, Boolean> counted = new java.util.HashMap<>();
		jdbc.sql("select volunteer_id, counted from attendance where shift_id = :s").param("s", shift)
				.query((rs, row) -> counted.put(rs.getLong(1), rs.getBoolean(2))).list();
		assertThat(counted).containsEntry(oneHour.volunteerId(), false).containsEntry(early.volunteerId(), true)
				.hasSize(4);
		assertThat(jdbc.sql("select attendance_confirmed_by from shift where id = :s").param("s", shift)
				.query(String.class).single()).isEqualTo(organizer.principal().username());

		// confirming twice is refused, and nothing more is published
		MvcResult again = mvc.perform(post("/api/v1/checkin/shifts/" + shift + "/confirmation")
				.with(organizer.signedIn()).with(csrf())).andReturn();
		assertThat(again.getResponse().getStatus()).isEqualTo(409);
		assertThat(again.getResponse().getContentAsString()).contains("ALREADY_CONFIRMED");
		assertThat(published(shift)).hasSize(1);
		// and no one checks in or is entered after it
		assertThatThrownBy(() -> checkins.byStaff(organizer.principal(), shift, absent.volunteerId(), "IN",
				"事后补录测试原因", start)).isInstanceOf(CheckRefusedException.class);
	}

	@Test
	void aShiftIsConfirmedOnlyAfterItEndedAndOnlyByItsOrganizer() throws Exception {
		long shift = fixtures.shift(organizer, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)));
		mvc.perform(post("/api/v1/checkin/shifts/" + shift + "/confirmation").with(organizer.signedIn()).with(csrf()))
				.andExpect(status().isConflict());
		long ended = fixtures.shift(organizer, now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(1)));
		// a leader of another team, and a county office of another county: not found
		CheckinFixtures.Organizer other = fixtures.team();
		mvc.perform(post("/api/v1/checkin/shifts/" + ended + "/confirmation").with(other.signedIn()).with(csrf()))
				.andExpect(status().isNotFound());
		mvc.perform(get("/checkin/shifts/" + ended).with(new TestUsers(regions).staff("441203", Roles.OFFICE_STAFF)))
				.andExpect(status().isNotFound());
		assertThat(published(ended)).isEmpty();
		// the county's own office may
		mvc.perform(post("/checkin/shifts/" + ended + "/confirm").with(new TestUsers(regions).staff("441202",
				Roles.OFFICE_STAFF)).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(published(ended)).hasSize(1);
		assertThat(published(ended).get(0).attendances()).isEmpty();
	}

	@Test
	void theOrganizerSeesTheCodeAndTheRosterAndEntersByHand() throws Exception {
		long shift = fixtures.shift(organizer, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)));
		CheckinFixtures.Person volunteer = fixtures.volunteer();
		fixtures.confirmedSignUp(shift, volunteer.volunteerId());

		String code = mvc.perform(get("/checkin/shifts/" + shift + "/code").with(organizer.signedIn()))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(code).contains("<svg").contains("hx-get=\"/checkin/shifts/" + shift + "/code/qr\"")
				.contains("hx-trigger=\"every 5s\"").doesNotContain("<script>");
		String fragment = mvc.perform(get("/checkin/shifts/" + shift + "/code/qr").with(organizer.signedIn()))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(fragment).contains("<svg").doesNotContain("<html");

		String roster = mvc.perform(get("/checkin/shifts/" + shift).with(organizer.signedIn()))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(roster).contains(volunteer.name()).contains("未签到");

		// a reason is required, and shown next to the field when missing
		String refused = mvc.perform(post("/checkin/shifts/" + shift + "/staff").with(organizer.signedIn()).with(csrf())
				.param("volunteerId", String.valueOf(volunteer.volunteerId())).param("action", "IN").param("reason", "短"))
				.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("field-error");
		assertThat(fixtures.attendances(volunteer.volunteerId())).isZero();

		mvc.perform(post("/checkin/shifts/" + shift + "/staff").with(organizer.signedIn()).with(csrf())
				.param("volunteerId", String.valueOf(volunteer.volunteerId())).param("action", "IN")
				.param("reason", "手机没电，现场核实到岗")).andExpect(status().is3xxRedirection());
		String after = mvc.perform(get("/checkin/shifts/" + shift + "?done=staff").with(organizer.signedIn()))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(after).contains("工作人员补录").contains("手机没电，现场核实到岗");
		assertThat(jdbc.sql("select check_in_method from attendance where shift_id = :s").param("s", shift)
				.query(String.class).single()).isEqualTo("STAFF");
	}

	@Test
	void theVolunteerScansOnThePageAndChecksIn() throws Exception {
		long shift = fixtures.shift(organizer, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)));
		CheckinFixtures.Person volunteer = fixtures.volunteer();
		fixtures.confirmedSignUp(shift, volunteer.volunteerId());
		String token = tokens.issue(shift, tokens.slot(Instant.now()));
		String page = mvc.perform(get("/checkin").param("t", token).with(volunteer.signedIn()))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("name=\"key\"").contains("value=\"IN\"").contains("/js/checkin.js");
		String key = page.replaceAll("(?s).*name=\"key\" value=\"([^\"]+)\".*", "$1");
		String done = mvc.perform(post("/checkin").with(volunteer.signedIn()).with(csrf()).param("t", token)
				.param("key", key).param("action", "IN")).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString();
		assertThat(done).contains("签到成功").contains("value=\"OUT\"");
		// the same form sent again (a double tap): the same answer, one attendance
		mvc.perform(post("/checkin").with(volunteer.signedIn()).with(csrf()).param("t", token).param("key", key)
				.param("action", "IN")).andExpect(status().isOk());
		assertThat(fixtures.attendances(volunteer.volunteerId())).isEqualTo(1);
		// a forged code: refused on the page
		String forged = token.substring(0, token.length() - 3) + (token.endsWith("xyz") ? "abc" : "xyz");
		mvc.perform(get("/checkin").param("t", forged).with(volunteer.signedIn()))
				.andExpect(status().isUnprocessableContent());
	}

	@Test
	void checkOutsRacingTheConfirmationAreEitherInItOrRefused() throws Exception {
		Instant start = now.minus(Duration.ofHours(2));
		Instant end = now.minus(Duration.ofMinutes(5));
		long shift = fixtures.shift(organizer, start, end);
		List<CheckinFixtures.Person> people = new java.util.ArrayList<>();
		for (int i = 0; i < 12; i++) {
			CheckinFixtures.Person p = fixtures.volunteer();
			fixtures.confirmedSignUp(shift, p.volunteerId());
			checkins.byStaff(organizer.principal(), shift, p.volunteerId(), "IN", "现场核实到岗情况", start);
			people.add(p);
		}
		String token = tokens.issue(shift, tokens.slot(Instant.now()));
		java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(13);
		try {
			List<java.util.concurrent.Future<String>> outs = new java.util.ArrayList<>();
			for (CheckinFixtures.Person p : people) {
				outs.add(pool.submit(() -> {
					go.await();
					try {
						return checkins.scan(p.principal(), "race-" + CheckinFixtures.tag(), token, "OUT", null, null, null)
							.outcome();
					}
					catch (CheckRefusedException ex) {
						return ex.refusal().name();
					}
				}));
			}
			java.util.concurrent.Future<AttendanceConfirmed> confirmation = pool.submit(() -> {
				go.await();
				return checkins.confirm(organizer.principal(), shift);
			});
			go.countDown();
			AttendanceConfirmed event = confirmation.get();
			long checkedOut = 0;
			for (int i = 0; i < people.size(); i++) {
				String outcome = outs.get(i).get();
				long volunteerId = people.get(i).volunteerId();
				boolean auto = jdbc.sql("select auto_checked_out from attendance where shift_id = :s and volunteer_id = :v")
					.param("s", shift).param("v", volunteerId).query(Boolean.class).single();
				AttendanceConfirmed.Attendance listed = event.attendances().stream()
					.filter(a -> a.volunteerId() == volunteerId).findFirst().orElseThrow();
				if (outcome.equals("CHECKED_OUT")) {
					checkedOut++;
					assertThat(auto).as("checked out before the confirmation").isFalse();
					assertThat(listed.autoCheckedOut()).isFalse();
				}
				else {
					assertThat(outcome).isIn("ALREADY_CONFIRMED", "ALREADY_CHECKED_OUT");
					assertThat(auto).as("closed by the confirmation").isTrue();
					assertThat(listed.autoCheckedOut()).isTrue();
				}
			}
			assertThat(event.attendances()).hasSize(12);
			assertThat(jdbc.sql("select count(*) from check_request where shift_id = :s").param("s", shift)
				.query(Long.class).single()).isEqualTo(checkedOut);
		}
		finally {
			pool.shutdownNow();
		}
	}
}
