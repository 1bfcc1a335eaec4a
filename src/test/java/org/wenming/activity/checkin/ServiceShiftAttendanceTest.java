package org.wenming.activity.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.wenming.activity.Activities;
import org.wenming.activity.ServiceShiftDraft;
import org.wenming.activity.Shift;
import org.wenming.activity.SignupStatus;
import org.wenming.activity.Signups;
import org.wenming.region.Regions;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteers;

/**
 * A service desk's shift works as any shift once taken (issue 17): the member takes it, checks in and
 * out by the rotating code, the leader confirms attendance, and the ledger credits the hours from
 * {@code AttendanceConfirmed} with nothing new.
 */
@WenmingTest
class ServiceShiftAttendanceTest {

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
	Activities activities;

	@Autowired
	Signups signups;

	@Test
	void takenCheckedInAndOutConfirmedAndTheLedgerCreditsTheHours() throws Exception {
		CheckinFixtures fixtures = new CheckinFixtures(jdbc, volunteers, regions);
		CheckinFixtures.Organizer organizer = fixtures.team();
		CheckinFixtures.Person member = fixtures.volunteer();
		jdbc.sql("insert into team_member (team_id, volunteer_id, status, decided_at, decided_by)"
				+ " values (:team, :v, 'MEMBER', now(), 'test')").param("team", organizer.teamId())
			.param("v", member.volunteerId()).update();

		// dispatched for in an hour, two hours, one place; the member takes it
		OffsetDateTime start = OffsetDateTime.now().plusHours(1).truncatedTo(ChronoUnit.MINUTES);
		Shift shift = activities.createServiceShift(new ServiceShiftDraft(organizer.teamId(), "上门助浴" + CheckinFixtures.tag(),
				"为行动不便的老人助浴", "441202001002", start, start.plusHours(2), 1), "desk-test");
		assertThat(signups.signUp(shift.id(), member.principal()).status()).isEqualTo(SignupStatus.CONFIRMED);

		// the shift takes place: moved into the past, as the test cannot wait for the clock
		Duration back = Duration.ofHours(4);
		jdbc.sql("update shift set starts_at = starts_at - :back::interval, ends_at = ends_at - :back::interval where id = :id")
			.param("back", back.toHours() + " hours").param("id", shift.id()).update();
		jdbc.sql("update activity set starts_at = starts_at - :back::interval, ends_at = ends_at - :back::interval where id = :id")
			.param("back", back.toHours() + " hours").param("id", shift.activityId()).update();
		Instant shiftStart = start.toInstant().minus(back);
		Instant arrived = shiftStart.minus(Duration.ofMinutes(5));
		Instant left = shiftStart.plus(Duration.ofMinutes(125));
		checkins.scan(member.principal(), "in-" + CheckinFixtures.tag(), tokens.issue(shift.id(), tokens.slot(arrived)),
				"IN", arrived, null, null);
		checkins.scan(member.principal(), "out-" + CheckinFixtures.tag(), tokens.issue(shift.id(), tokens.slot(left)),
				"OUT", left, null, null);
		assertThat(fixtures.attendances(member.volunteerId())).isEqualTo(1);

		// the leader confirms; the ledger credits from the event, after the confirmation commits
		MvcResult confirmed = mvc.perform(post("/api/v1/checkin/shifts/" + shift.id() + "/confirmation")
			.with(organizer.signedIn()).with(csrf())).andReturn();
		assertThat(confirmed.getResponse().getStatus()).as(confirmed.getResponse().getContentAsString()).isEqualTo(201);
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (records(member.volunteerId()) == 0 && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(records(member.volunteerId())).isEqualTo(1);
		BigDecimal hours = jdbc.sql("select hours from service_record where volunteer_id = :v and shift_id = :s")
			.param("v", member.volunteerId()).param("s", shift.id()).query(BigDecimal.class).single();
		assertThat(hours).isEqualByComparingTo("2.0");
	}

	long records(long volunteerId) {
		return jdbc.sql("select count(*) from service_record where volunteer_id = :v").param("v", volunteerId)
			.query(Long.class).single();
	}
}
