package org.wenming.ledger.certificate;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.shared.CityTime;
import org.wenming.support.TestUsers;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;

/**
 * Volunteers registered through {@link Volunteers}, and ledger rows inserted straight into
 * {@code service_record} (the ledger's own append path is not what these tests are about).
 */
final class CertificateFixtures {

	/** Far above any position the ledger's own appends reach, so these rows never take a seq it needs. */
	private static final long SEQ_BASE = 8_000_000_000_000_000L;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final Volunteers volunteers;

	private final TestUsers users;

	CertificateFixtures(JdbcClient jdbc, Volunteers volunteers, TestUsers users) {
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
		return record(person, "CORRECTION", type, hours, LocalDate.now(CityTime.ZONE), corrects);
	}

	private long record(Person person, String kind, String type, String hours, LocalDate day, Long corrects) {
		OffsetDateTime start = day.atTime(9, 0).atZone(CityTime.ZONE).toOffsetDateTime();
		byte[] hash = new byte[32];
		RANDOM.nextBytes(hash);
		long seq = SEQ_BASE + (RANDOM.nextLong() & 0x7FFFFFFFFFFFL);
		return jdbc.sql("""
				insert into service_record (seq, kind, volunteer_id, activity_type, activity_title, started_at, ended_at,
				    hours, organization_kind, organization_id, organization_name, region_path, recorded_by, confirmed_by,
				    corrects_seq, reason, approved_by, recorded_at, prev_hash, hash)
				values (:seq, :kind, :volunteer, :type, '测试活动', :start, :end, :hours, 'TEAM', 1, '测试队', '44.4412.441202.',
				    'test', 'test', :corrects, :reason, :approver, now(), :prev, :hash)
				returning seq""")
				.param("seq", seq).param("kind", kind).param("volunteer", person.volunteer().id()).param("type", type)
				.param("start", start).param("end", start.plusHours(4)).param("hours", new BigDecimal(hours))
				.param("corrects", corrects, java.sql.Types.BIGINT)
				.param("reason", corrects == null ? null : "时长登记有误", java.sql.Types.VARCHAR)
				.param("approver", corrects == null ? null : "test", java.sql.Types.VARCHAR)
				.param("prev", new byte[32]).param("hash", hash).query(Long.class).single();
	}

	int certificates(Person person) {
		return jdbc.sql("select count(*) from service_certificate where volunteer_id = :v")
				.param("v", person.volunteer().id()).query(Integer.class).single();
	}
}
