package org.wenming.activity.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.region.Regions;
import org.wenming.platform.RetentionJobs;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteers;

/** Idempotency keys older than the retention (30 days) are deleted; newer ones and the attendance stay. */
@WenmingTest
class CheckRequestRetentionTest {

	@Autowired
	CheckRequestRetention retention;

	@Autowired
	RetentionJobs jobs;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Volunteers volunteers;

	@Autowired
	Regions regions;

	@Test
	void keysOlderThanTheRetentionAreDeleted() {
		CheckinFixtures fixtures = new CheckinFixtures(jdbc, volunteers, regions);
		CheckinFixtures.Organizer organizer = fixtures.team();
		CheckinFixtures.Person volunteer = fixtures.volunteer();
		Instant start = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		long shift = fixtures.shift(organizer, start, start.plus(3, ChronoUnit.HOURS));
		fixtures.confirmedSignUp(shift, volunteer.volunteerId());
		jdbc.sql("""
				insert into attendance (shift_id, volunteer_id, checked_in_at, check_in_method, check_in_by, shift_day)
				select :shift, :volunteer, :at, 'QR', 'test', starts_on from shift where id = :shift""")
			.param("shift", shift).param("volunteer", volunteer.volunteerId()).param("at", java.sql.Timestamp.from(start))
			.update();
		request(volunteer.volunteerId(), "old-key", shift, 40);
		request(volunteer.volunteerId(), "recent-key", shift, 2);

		jobs.purge(retention);

		assertThat(jdbc.sql("select idempotency_key from check_request where volunteer_id = :v")
			.param("v", volunteer.volunteerId()).query(String.class).list()).containsExactly("recent-key");
		assertThat(fixtures.attendances(volunteer.volunteerId())).isEqualTo(1);
	}

	private void request(long volunteerId, String key, long shift, int daysAgo) {
		jdbc.sql("""
				insert into check_request (volunteer_id, idempotency_key, shift_id, action, occurred_at, received_at, outcome)
				values (:v, :key, :shift, 'IN', now() - make_interval(days => :d), now() - make_interval(days => :d),
				    'CHECKED_IN')""")
			.param("v", volunteerId).param("key", key).param("shift", shift).param("d", daysAgo).update();
	}
}
