package org.wenming.activity.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.platform.TimePartitions;
import org.wenming.region.Regions;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteers;

/**
 * The time partitions of sign-ups, attendance, the ledger's day totals and case events on the real
 * database: a row dated far outside the partitions made ahead still goes in (the default partition) and
 * the daily job gives it a partition of its own year; a moved shift takes its sign-ups and attendance
 * to the new year's partition; the unique keys, with the shift's day in them, still refuse a second
 * sign-up and a second attendance, also from racing threads.
 */
@WenmingTest
class TimePartitionsTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Volunteers volunteers;

	@Autowired
	Regions regions;

	@Autowired
	TimePartitions partitions;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void rowsFarInThePastOrFutureGoInAndTheJobGivesThemTheirYearsPartition() {
		CheckinFixtures fixtures = new CheckinFixtures(jdbc, volunteers, regions);
		CheckinFixtures.Organizer organizer = fixtures.team();
		CheckinFixtures.Person volunteer = fixtures.volunteer();
		Instant future = Instant.parse("2091-07-01T01:00:00Z");
		Instant past = Instant.parse("1993-03-01T01:00:00Z");

		new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
			// rolled back at the end: the partitions made here are not left behind for other tests
			tx.setRollbackOnly();
			// the case too: a case reported in 1993 would move the dashboard's first year for every other test
			long caseId = jdbc.sql("""
					insert into rectification_case (case_number, source, category_code, status, description, region_code,
					    region_path, reported_at, reported_by)
					values (:number, 'STAFF', 'SANITATION', 'REPORTED', '分区测试', :region, :path, :at, 'test') returning id""")
				.param("number", "PT" + CheckinFixtures.tag()).param("region", CheckinFixtures.DUANZHOU)
				.param("path", CheckinFixtures.DUANZHOU_PATH).param("at", Timestamp.from(past)).query(Long.class).single();
			long futureShift = fixtures.shift(organizer, future, future.plus(3, ChronoUnit.HOURS));
			long pastShift = fixtures.shift(organizer, past, past.plus(3, ChronoUnit.HOURS));
			fixtures.confirmedSignUp(futureShift, volunteer.volunteerId());
			fixtures.confirmedSignUp(pastShift, volunteer.volunteerId());
			attend(pastShift, volunteer.volunteerId(), past);
			jdbc.sql("insert into volunteer_day_hours (volunteer_id, day, hours) values (:v, date '2091-07-01', 3.0)")
				.param("v", volunteer.volunteerId()).update();
			jdbc.sql("insert into case_event (case_id, kind, actor, occurred_at) values (:c, 'REPORTED', 'test', :at)")
				.param("c", caseId).param("at", Timestamp.from(past)).update();

			assertThat(where("signup", "shift_id in (" + futureShift + ", " + pastShift + ")"))
				.containsExactly("signup_default", "signup_default");
			assertThat(where("attendance", "shift_id = " + pastShift)).containsExactly("attendance_default");
			assertThat(where("volunteer_day_hours", "volunteer_id = " + volunteer.volunteerId()))
				.containsExactly("volunteer_day_hours_default");
			assertThat(where("case_event", "case_id = " + caseId)).containsExactly("case_event_default");

			assertThat(partitions.maintain()).isGreaterThanOrEqualTo(5);

			assertThat(where("signup", "shift_id = " + futureShift)).containsExactly("signup_2091");
			assertThat(where("signup", "shift_id = " + pastShift)).containsExactly("signup_1993");
			assertThat(where("attendance", "shift_id = " + pastShift)).containsExactly("attendance_1993");
			assertThat(where("volunteer_day_hours", "volunteer_id = " + volunteer.volunteerId()))
				.containsExactly("volunteer_day_hours_2091");
			assertThat(where("case_event", "case_id = " + caseId)).containsExactly("case_event_1993");
			// a second run finds nothing to do
			assertThat(partitions.maintain()).isZero();
			// the made partitions have the parent's indexes and keys: a second attendance is still refused
			// (last: the refusal ends the transaction)
			assertThatThrownBy(() -> attend(pastShift, volunteer.volunteerId(), past.plusSeconds(60)))
				.isInstanceOf(DuplicateKeyException.class);
		});
		assertThat(jdbc.sql("select to_regclass('signup_2091') is null").query(Boolean.class).single()).isTrue();
	}

	@Test
	void aMovedShiftTakesItsSignupsAndAttendanceToTheNewYearsPartition() {
		CheckinFixtures fixtures = new CheckinFixtures(jdbc, volunteers, regions);
		CheckinFixtures.Organizer organizer = fixtures.team();
		CheckinFixtures.Person volunteer = fixtures.volunteer();
		Instant start = Instant.parse("2026-12-31T14:00:00Z"); // 22:00 on 31 December in the city
		long shift = fixtures.shift(organizer, start, start.plus(3, ChronoUnit.HOURS));
		fixtures.confirmedSignUp(shift, volunteer.volunteerId());
		attend(shift, volunteer.volunteerId(), start);
		assertThat(where("signup", "shift_id = " + shift)).containsExactly("signup_2026");

		// two hours later it starts on 1 January, city time
		jdbc.sql("update shift set starts_at = starts_at + interval '2 hours', ends_at = ends_at + interval '2 hours' where id = :id")
			.param("id", shift).update();

		assertThat(where("signup", "shift_id = " + shift)).containsExactly("signup_2027");
		assertThat(where("attendance", "shift_id = " + shift)).containsExactly("attendance_2027");
		assertThat(jdbc.sql("select shift_day::text from signup where shift_id = :id").param("id", shift)
			.query(String.class).single()).isEqualTo("2027-01-01");
		// the copied day cannot disagree with the shift's
		assertThatThrownBy(() -> jdbc.sql("update signup set shift_day = date '2027-01-02' where shift_id = :id")
			.param("id", shift).update()).hasMessageContaining("signup_shift_id_fkey");
	}

	@Test
	void racingSignupsAndCheckInsOfTheSameVolunteerAndShiftLeaveOneRowEach() throws Exception {
		CheckinFixtures fixtures = new CheckinFixtures(jdbc, volunteers, regions);
		CheckinFixtures.Organizer organizer = fixtures.team();
		CheckinFixtures.Person volunteer = fixtures.volunteer();
		Instant start = Instant.now().plus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		long shift = fixtures.shift(organizer, start, start.plus(3, ChronoUnit.HOURS));
		int threads = 8;
		CountDownLatch ready = new CountDownLatch(threads);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Callable<Boolean>> signups = java.util.stream.IntStream.range(0, threads)
				.<Callable<Boolean>>mapToObj(i -> () -> {
					ready.countDown();
					ready.await();
					try {
						jdbc.sql("""
								insert into signup (shift_id, volunteer_id, status, shift_day)
								select :shift, :v, 'CONFIRMED', starts_on from shift where id = :shift""")
							.param("shift", shift).param("v", volunteer.volunteerId()).update();
						return true;
					}
					catch (DuplicateKeyException refused) {
						return false;
					}
				})
				.toList();
			int inserted = 0;
			for (Future<Boolean> f : pool.invokeAll(signups)) {
				inserted += f.get() ? 1 : 0;
			}
			assertThat(inserted).isEqualTo(1);
			CountDownLatch go = new CountDownLatch(threads);
			List<Callable<Integer>> checkIns = java.util.stream.IntStream.range(0, threads)
				.<Callable<Integer>>mapToObj(i -> () -> {
					go.countDown();
					go.await();
					return jdbc.sql("""
							insert into attendance (shift_id, volunteer_id, checked_in_at, check_in_method, check_in_by, shift_day)
							select :shift, :v, :at, 'QR', 'test', starts_on from shift where id = :shift
							on conflict (shift_id, volunteer_id, shift_day) do nothing""")
						.param("shift", shift).param("v", volunteer.volunteerId()).param("at", Timestamp.from(start))
						.update();
				})
				.toList();
			int checkedIn = 0;
			for (Future<Integer> f : pool.invokeAll(checkIns)) {
				checkedIn += f.get();
			}
			assertThat(checkedIn).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(where("signup", "shift_id = " + shift)).hasSize(1);
		assertThat(where("attendance", "shift_id = " + shift)).hasSize(1);
	}

	private void attend(long shift, long volunteer, Instant at) {
		jdbc.sql("""
				insert into attendance (shift_id, volunteer_id, checked_in_at, check_in_method, check_in_by, shift_day)
				select :shift, :v, :at, 'QR', 'test', starts_on from shift where id = :shift""")
			.param("shift", shift).param("v", volunteer).param("at", Timestamp.from(at)).update();
	}

	/** The partition each matching row is stored in; the condition is the test's own text. */
	private List<String> where(String table, String condition) {
		return jdbc.sql("select tableoid::regclass::text from " + table + " where " + condition + " order by 1")
			.query(String.class).list();
	}
}
