package org.wenming.ledger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.activity.ActivityType;
import org.wenming.activity.AttendanceConfirmed;
import org.wenming.shared.DataScope;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;

/** Volunteers registered through {@link Volunteers}, and attendance confirmations published as the activity module would. */
public final class LedgerFixtures {

	/** Shift ids far above anything the activity module creates in tests; service_record has no foreign key to them. */
	private static final AtomicLong SHIFTS = new AtomicLong(900_000_000L + (System.nanoTime() % 1_000_000L) * 100);

	static final ScopedUser CITY_OFFICE = new ScopedUser() {

		public long userId() {
			return 1;
		}

		public String username() {
			return "ledger-fixture";
		}

		public String displayName() {
			return "ledger-fixture";
		}

		public DataScope scope() {
			return DataScope.EVERYTHING;
		}

		public Set<String> roles() {
			return Set.of(Roles.SYSTEM_ADMIN);
		}
	};

	private final Volunteers volunteers;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	public LedgerFixtures(Volunteers volunteers, ApplicationEventPublisher events, PlatformTransactionManager tx,
			JdbcClient jdbc) {
		this.volunteers = volunteers;
		this.events = events;
		this.transactions = new TransactionTemplate(tx);
		this.jdbc = jdbc;
	}

	public Volunteer volunteer(String regionCode) {
		return volunteers.registerByStaff(TestVolunteers.draft(TestVolunteers.name(),
				TestVolunteers.residentId(regionCode.length() >= 6 ? regionCode.substring(0, 6) : "441202"),
				TestVolunteers.mobile(), regionCode), CITY_OFFICE);
	}

	/** A volunteer who registered themselves, so they have a login (their Volunteer carries the user id). */
	public Volunteer volunteerWithLogin(String regionCode) {
		String username = "ledger-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		return volunteers.registerSelf(TestVolunteers.draft(TestVolunteers.name(), TestVolunteers.residentId("441202"),
				TestVolunteers.mobile(), regionCode), username, "Ledger-test-2026!");
	}

	public String username(long userId) {
		return jdbc.sql("select username from app_user where id = :id").param("id", userId).query(String.class).single();
	}

	public static long shiftId() {
		return SHIFTS.incrementAndGet();
	}

	public static OffsetDateTime cityTime(int year, int month, int day, int hour, int minute) {
		return OffsetDateTime.of(year, month, day, hour, minute, 0, 0, ZoneOffset.ofHours(8));
	}

	public static AttendanceConfirmed confirmed(long shiftId, String regionPath, List<AttendanceConfirmed.Attendance> attendances) {
		return new AttendanceConfirmed(shiftId * 10, shiftId, ActivityType.SERVICE, "文明交通劝导" + shiftId,
				new AttendanceConfirmed.Organizer(AttendanceConfirmed.Organizer.Kind.TEAM, 77, "端州测试志愿队", regionPath),
				"leader-test", OffsetDateTime.now(), attendances);
	}

	public static AttendanceConfirmed.Attendance served(long volunteerId, OffsetDateTime start, OffsetDateTime end) {
		return new AttendanceConfirmed.Attendance(volunteerId, start, end, "scan", false);
	}

	/** Publishes in a transaction of its own, as the confirming transaction does. */
	public void publish(AttendanceConfirmed event) {
		transactions.executeWithoutResult(status -> events.publishEvent(event));
	}

	public long records(long volunteerId) {
		return jdbc.sql("select count(*) from service_record where volunteer_id = :v").param("v", volunteerId)
			.query(Long.class).single();
	}

	public long lastSeq() {
		return jdbc.sql("select last_seq from ledger_head").query(Long.class).single();
	}

	/** Waits (up to 20 s) until the given condition holds, for the asynchronous listener. */
	public static void await(java.util.function.BooleanSupplier condition) {
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
			.pollInterval(java.time.Duration.ofMillis(50)).until(condition::getAsBoolean);
	}
}
