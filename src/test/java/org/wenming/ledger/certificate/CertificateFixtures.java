package org.wenming.ledger.certificate;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.ledger.RecordKind;
import org.wenming.ledger.internal.LedgerWriter;
import org.wenming.ledger.internal.NewRecord;
import org.wenming.shared.CityTime;
import org.wenming.support.TestUsers;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;

/**
 * Volunteers registered through {@link Volunteers}, and their service records appended through the
 * ledger's own writer (not the events that normally feed it: these tests are about certificates).
 */
final class CertificateFixtures {

	/** Made-up shift ids for the service records, far from the ones tests of the activity module create. */
	private static final AtomicLong SHIFTS = new AtomicLong(7_000_000_000L + new SecureRandom().nextInt(1_000_000) * 1_000L);

	private final JdbcClient jdbc;

	private final Volunteers volunteers;

	private final TestUsers users;

	private final LedgerWriter ledger;

	CertificateFixtures(JdbcClient jdbc, Volunteers volunteers, TestUsers users, LedgerWriter ledger) {
		this.ledger = ledger;
		this.jdbc = jdbc;
		this.volunteers = volunteers;
		this.users = users;
	}

	/** A registered volunteer with their login and their resident ID number in full (for "never shown" checks). */
	record Person(Volunteer volunteer, String idNumber, long userId, String username) {
	}

	Person volunteer() {
		String id = TestVolunteers.residentId("441202");
		String username = "cert-" + UUID.randomUUID().toString().substring(0, 8);
		Volunteer v = volunteers.registerSelf(TestVolunteers.draft(TestVolunteers.name(), id, TestVolunteers.mobile(),
				"441202001002"), username, "Volunteer-2026-pw");
		return new Person(v, id, v.userId(), username);
	}

	RequestPostProcessor signedIn(Person person) {
		return users.volunteer(person.userId(), person.username(), "441202");
	}

	org.wenming.shared.ScopedUser principal(Person person) {
		return users.principal(person.userId(), "441202", org.wenming.shared.Roles.VOLUNTEER);
	}

	long service(Person person, String type, String hours, LocalDate day) {
		return record(person, "SERVICE", type, hours, day, null);
	}

	/** A compensating record (更正) of {@code corrects}: hours may be negative. */
	long correction(Person person, long corrects, String hours) {
		String type = jdbc.sql("select activity_type from service_record where seq = :s").param("s", corrects)
				.query(String.class).single();
		// a correction is dated like the record it corrects (the day its hours belong to)
		LocalDate day = jdbc.sql("select started_at from service_record where seq = :s").param("s", corrects)
				.query(OffsetDateTime.class).single().atZoneSameInstant(CityTime.ZONE).toLocalDate();
		return record(person, "CORRECTION", type, hours, day, corrects);
	}

	/** Appended through the ledger's own writer, so the hash chain stays whole for every other test. */
	private long record(Person person, String kind, String type, String hours, LocalDate day, Long corrects) {
		OffsetDateTime start = day.atTime(9, 0).atZone(CityTime.ZONE).toOffsetDateTime();
		BigDecimal credited = new BigDecimal(hours);
		OffsetDateTime end = start.plusMinutes(Math.max(30, credited.abs().multiply(BigDecimal.valueOf(60)).longValue()));
		boolean correction = corrects != null;
		// a made-up shift id per service record: each is a separate attendance
		Long shift = correction ? null : SHIFTS.incrementAndGet();
		NewRecord record = new NewRecord(RecordKind.valueOf(kind), person.volunteer().id(), correction ? null : shift,
				shift, type, "测试活动", start, end, credited, "TEAM", 1, "测试队", "44.4412.441202.", "test", "test",
				corrects, correction ? "时长登记有误" : null, correction ? "test" : null);
		return ledger.append(List.of(record)).get(0).seq();
	}

	/** {@code count} one-hour services, three a day from {@code first}, appended in one batch. */
	void services(Person person, int count, LocalDate first) {
		List<NewRecord> records = new java.util.ArrayList<>();
		for (int i = 0; i < count; i++) {
			OffsetDateTime start = first.plusDays(i / 3).atTime(8 + 2 * (i % 3), 0).atZone(CityTime.ZONE).toOffsetDateTime();
			long shift = SHIFTS.incrementAndGet();
			records.add(new NewRecord(RecordKind.SERVICE, person.volunteer().id(), shift, shift, "SERVICE", "测试活动" + i,
					start, start.plusHours(1), BigDecimal.ONE.setScale(1), "TEAM", 1, "测试队", "44.4412.441202.", "test",
					"test", null, null, null));
		}
		ledger.append(records);
	}

	int certificates(Person person) {
		return jdbc.sql("select count(*) from service_certificate where volunteer_id = :v")
				.param("v", person.volunteer().id()).query(Integer.class).single();
	}
}
