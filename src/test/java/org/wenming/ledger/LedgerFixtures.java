package org.wenming.ledger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
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

	private static final Logger log = LoggerFactory.getLogger(LedgerFixtures.class);

	/** How long the ledger's own listener may take once it has a thread. */
	static final Duration LISTENER_TIME = Duration.ofSeconds(20);

	/** How long what earlier tests queued may take to get out of the way. */
	static final Duration BACKLOG_TIME = Duration.ofMinutes(3);

	private final JdbcClient jdbc;

	private final TaskExecutor listeners;

	/**
	 * @param listeners the application's task executor ({@code applicationTaskExecutor}), which runs every
	 * module's asynchronous listeners, the ledger's crediting among them
	 */
	public LedgerFixtures(Volunteers volunteers, ApplicationEventPublisher events, PlatformTransactionManager tx,
			JdbcClient jdbc, TaskExecutor listeners) {
		this.volunteers = volunteers;
		this.events = events;
		this.transactions = new TransactionTemplate(tx);
		this.jdbc = jdbc;
		this.listeners = listeners;
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

	/**
	 * Waits until the condition holds, for an asynchronous listener. The crediting listener shares the
	 * application's 8 listener threads with every module's listeners: invocations that earlier tests left
	 * queued (an import's or a bulk append's events for the dashboards) run first, and on a loaded machine
	 * they took more than the 20 s this wait used to allow in all. So first the queue ahead is allowed to
	 * drain (up to 3 min), then the condition gets its 20 s; a timeout says what the listeners were doing.
	 */
	public void await(java.util.function.BooleanSupplier condition) {
		long started = System.nanoTime();
		int queuedAtStart = queued();
		Awaitility.await().atMost(BACKLOG_TIME).pollInterval(Duration.ofMillis(50))
			.until(() -> condition.getAsBoolean() || queued() == 0);
		long drained = System.nanoTime();
		if (queuedAtStart > 0) {
			log.info("{} listener invocations were queued ahead; the queue drained in {} ms", queuedAtStart,
					(drained - started) / 1_000_000);
		}
		try {
			Awaitility.await().atMost(LISTENER_TIME).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("the listener did not finish within " + LISTENER_TIME.toSeconds()
					+ " s of having the executor to itself; " + diagnosis(), ex);
		}
	}

	private int queued() {
		return listeners instanceof ThreadPoolTaskExecutor pool ? pool.getQueueSize() : 0;
	}

	/** What the listener threads and the database were busy with. */
	String diagnosis() {
		String executor = listeners instanceof ThreadPoolTaskExecutor pool
				? "listener threads active " + pool.getActiveCount() + " of " + pool.getPoolSize() + ", queued "
						+ pool.getQueueSize()
				: "listener executor " + listeners.getClass().getSimpleName();
		try {
			long incomplete = jdbc.sql("select count(*) from event_publication where completion_date is null")
				.query(Long.class).single();
			List<String> waiting = jdbc.sql("""
					select pid || ' waits (' || coalesce(wait_event, '?') || ') on ' || cast(pg_blocking_pids(pid) as text)
					    || ': ' || left(coalesce(query, ''), 160)
					from pg_stat_activity where wait_event_type = 'Lock'""").query(String.class).list();
			return executor + "; incomplete event publications " + incomplete + "; sessions waiting for a lock "
					+ waiting;
		}
		catch (RuntimeException ex) {
			return executor + "; the database could not be asked: " + ex;
		}
	}
}
