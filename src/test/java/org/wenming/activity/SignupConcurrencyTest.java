package org.wenming.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.region.Regions;
import org.wenming.shared.ScopedUser;
import org.wenming.support.WenmingTest;

/** Sign-up under real concurrency, with real threads on the real database: places are never exceeded. */
@WenmingTest
class SignupConcurrencyTest {

	@Autowired
	Activities activities;

	@Autowired
	Signups signups;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	private Shift publishedShift(ActivityFixtures fixtures, int capacity) {
		long team = fixtures.team("并发活动队" + ActivityFixtures.tag(), "441202", ActivityFixtures.DUANZHOU_PATH);
		ScopedUser leader = fixtures.leader(team);
		Activity activity = activities.create(ActivityFixtures.draft("并发报名测试", team,
				List.of(ActivityFixtures.shift(OffsetDateTime.now().plusDays(3), 3, capacity))), leader);
		activities.publish(activity.id(), leader);
		return activities.shifts(activity.id()).get(0);
	}

	@Test
	void twoHundredVolunteersForFiftyPlacesGiveFiftyConfirmedAndAHundredAndFiftyWaitlisted() throws Exception {
		ActivityFixtures fixtures = new ActivityFixtures(jdbc, regions);
		Shift shift = publishedShift(fixtures, 50);
		List<ScopedUser> people = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			people.add(fixtures.volunteer("并发" + i));
		}
		List<Callable<Signup>> tasks = new ArrayList<>();
		people.forEach(p -> tasks.add(() -> signups.signUp(shift.id(), p)));
		List<Object> results = ActivityFixtures.runAtOnce(tasks, 40);

		assertThat(results).allMatch(r -> r instanceof Signup);
		assertThat(results.stream().filter(r -> ((Signup) r).status() == SignupStatus.CONFIRMED)).hasSize(50);
		assertThat(results.stream().filter(r -> ((Signup) r).status() == SignupStatus.WAITLISTED)).hasSize(150);
		assertThat(fixtures.rows(shift.id(), "CONFIRMED")).isEqualTo(50);
		assertThat(fixtures.rows(shift.id(), "WAITLISTED")).isEqualTo(150);
		assertThat(fixtures.counts(shift.id())).containsExactly(50, 150);
	}

	@Test
	void concurrentCancellationsEachPromoteExactlyOneFromTheWaitlist() throws Exception {
		ActivityFixtures fixtures = new ActivityFixtures(jdbc, regions);
		Shift shift = publishedShift(fixtures, 10);
		List<ScopedUser> confirmed = new ArrayList<>();
		List<ScopedUser> waiting = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			ScopedUser v = fixtures.volunteer("确认" + i);
			signups.signUp(shift.id(), v);
			confirmed.add(v);
		}
		for (int i = 0; i < 15; i++) {
			ScopedUser v = fixtures.volunteer("候补" + i);
			assertThat(signups.signUp(shift.id(), v).status()).isEqualTo(SignupStatus.WAITLISTED);
			waiting.add(v);
		}
		List<Callable<Signup>> tasks = new ArrayList<>();
		for (ScopedUser v : confirmed.subList(0, 8)) {
			long signupId = jdbc.sql("select id from signup where shift_id = :s and volunteer_id = :v")
				.param("s", shift.id()).param("v", fixtures.volunteerId(v)).query(Long.class).single();
			tasks.add(() -> signups.cancel(signupId, v));
		}
		List<Object> results = ActivityFixtures.runAtOnce(tasks, 8);

		assertThat(results).allMatch(r -> r instanceof Signup s && s.status() == SignupStatus.CANCELLED);
		assertThat(fixtures.rows(shift.id(), "CONFIRMED")).isEqualTo(10);
		assertThat(fixtures.rows(shift.id(), "WAITLISTED")).isEqualTo(7);
		assertThat(fixtures.counts(shift.id())).containsExactly(10, 7);
		// the first eight in the queue moved up, in order, and each was told once
		for (int i = 0; i < 15; i++) {
			long promoted = fixtures.notices(waiting.get(i), "PROMOTED");
			assertThat(promoted).as("waiting volunteer %d", i).isEqualTo(i < 8 ? 1 : 0);
		}
	}

	@Test
	void theSameVolunteerSigningUpTwentyTimesAtOnceGetsOneSignup() throws Exception {
		ActivityFixtures fixtures = new ActivityFixtures(jdbc, regions);
		Shift shift = publishedShift(fixtures, 5);
		ScopedUser volunteer = fixtures.volunteer("重复报名");
		List<Callable<Signup>> tasks = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			tasks.add(() -> signups.signUp(shift.id(), volunteer));
		}
		List<Object> results = ActivityFixtures.runAtOnce(tasks, 20);

		assertThat(results.stream().filter(r -> r instanceof Signup)).hasSize(1);
		assertThat(results.stream().filter(r -> r instanceof ActivityRefusedException e
				&& e.messageKey().equals("activity.error.alreadySignedUp"))).hasSize(19);
		assertThat(jdbc.sql("select count(*) from signup where shift_id = :s").param("s", shift.id())
			.query(Long.class).single()).isEqualTo(1);
		assertThat(fixtures.counts(shift.id())).containsExactly(1, 0);
	}

	/**
	 * Issue 21's bad input: one volunteer fires the same sign-up 100 times at once (a double-tapping phone,
	 * a retrying client), for a shift with places and for a full one (onto the waitlist). One sign-up row,
	 * every other answer the same sign-up or the already-signed-up refusal, counters equal to the rows.
	 */
	@Test
	void theSameVolunteerSigningUpAHundredTimesAtOnceGetsOneSignupWithPlacesOrOnTheWaitlist() throws Exception {
		ActivityFixtures fixtures = new ActivityFixtures(jdbc, regions);
		Shift open = publishedShift(fixtures, 5);
		Shift full = publishedShift(fixtures, 1);
		signups.signUp(full.id(), fixtures.volunteer("先到"));
		for (Shift shift : List.of(open, full)) {
			ScopedUser volunteer = fixtures.volunteer("百次报名");
			List<Callable<Signup>> tasks = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				tasks.add(() -> signups.signUp(shift.id(), volunteer));
			}
			List<Object> results = ActivityFixtures.runAtOnce(tasks, 100);

			List<Signup> answered = results.stream().filter(r -> r instanceof Signup).map(r -> (Signup) r).toList();
			assertThat(answered).as("sign-ups answered").isNotEmpty();
			assertThat(answered.stream().map(Signup::id).distinct()).as("distinct sign-ups answered").hasSize(1);
			assertThat(results).as("every answer the sign-up or the already-signed-up refusal")
				.allMatch(r -> r instanceof Signup || r instanceof ActivityRefusedException e
						&& e.messageKey().equals("activity.error.alreadySignedUp"));
			SignupStatus expected = shift == open ? SignupStatus.CONFIRMED : SignupStatus.WAITLISTED;
			assertThat(answered.get(0).status()).isEqualTo(expected);
			long volunteerId = fixtures.volunteerId(volunteer);
			assertThat(jdbc.sql("select count(*) from signup where shift_id = :s and volunteer_id = :v")
				.param("s", shift.id()).param("v", volunteerId).query(Long.class).single()).as("rows").isEqualTo(1);
			assertThat(fixtures.rows(shift.id(), "CONFIRMED")).isEqualTo(1);
			assertThat(fixtures.rows(shift.id(), "WAITLISTED")).isEqualTo(shift == open ? 0 : 1);
			assertThat(fixtures.counts(shift.id())).containsExactly(1, shift == open ? 0 : 1);
		}
	}

	@Test
	void oneVolunteerSigningUpForTwoOverlappingShiftsAtOnceGetsOnlyOne() throws Exception {
		ActivityFixtures fixtures = new ActivityFixtures(jdbc, regions);
		Shift first = publishedShift(fixtures, 5);
		Shift second = publishedShift(fixtures, 5); // same start, another activity: they overlap
		for (int round = 0; round < 10; round++) {
			ScopedUser volunteer = fixtures.volunteer("重叠" + round);
			List<Object> results = ActivityFixtures.runAtOnce(List.of(() -> signups.signUp(first.id(), volunteer),
					() -> signups.signUp(second.id(), volunteer)), 2);
			assertThat(results.stream().filter(r -> r instanceof Signup)).as("round %d", round).hasSize(1);
			assertThat(results.stream().filter(r -> r instanceof ActivityRefusedException e
					&& e.messageKey().equals("activity.error.overlap"))).hasSize(1);
		}
	}
}
