package org.wenming.activity.checkin;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.activity.ActivityType;
import org.wenming.activity.AttendanceConfirmed;
import org.wenming.platform.EarthDistance;
import org.wenming.platform.KeyLookups;
import org.wenming.platform.NameOrder;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.CityTime;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.team.Teams;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Check-in and check-out (签到签退) by QR code or by staff, the forgotten check-out, and the
 * organizer's confirmation of attendance, which hands the served time to the ledger through
 * {@link AttendanceConfirmed}.
 */
@Service
class Checkins {

	/** Who closes forgotten check-outs. */
	static final String SYSTEM = "system";

	private final JdbcClient jdbc;

	/** The scan's two statements: keyed lookups that keep a cached plan (see {@link KeyLookups}). */
	private final JdbcClient keyLookups;

	private final TransactionTemplate transactions;

	private final CheckinTokens tokens;

	private final CheckinProperties properties;

	private final Clock clock;

	private final Teams teams;

	private final ApplicationEventPublisher events;

	/** Scans recorded by one statement, and scans that went the long way (first of a shift, retries, refusals). */
	private final Counter scansAtOnce;

	private final Counter scansTheLongWay;

	/** Shifts scanned lately, for the quick path (which checks they are unchanged before it writes). */
	private final Cache<Long, KnownShift> knownShifts = Caffeine.newBuilder().maximumSize(10_000)
			.expireAfterAccess(Duration.ofHours(1)).build();

	Checkins(JdbcClient jdbc, @KeyLookups JdbcClient keyLookups, TransactionTemplate transactions, CheckinTokens tokens, CheckinProperties properties,
			Clock clock, Teams teams, ApplicationEventPublisher events, MeterRegistry meters) {
		this.scansAtOnce = scans("one-statement", meters);
		this.scansTheLongWay = scans("long-way", meters);
		this.jdbc = jdbc;
		this.keyLookups = keyLookups;
		this.transactions = transactions;
		this.tokens = tokens;
		this.properties = properties;
		this.clock = clock;
		this.teams = teams;
		this.events = events;
	}

	private static Counter scans(String path, MeterRegistry meters) {
		return Counter.builder("wenming.checkin.scans")
				.description("QR scans by path: one statement, or the long way (first scan of a shift, retries, refusals)")
				.tag("path", path).register(meters);
	}

	CheckinProperties properties() {
		return properties;
	}

	Clock clock() {
		return clock;
	}

	// ---- shifts and who organizes them ----------------------------------------------------------------

	Optional<ShiftInfo> shift(long shiftId) {
		return jdbc.sql(SHIFT + " where s.id = :id").param("id", shiftId).query(Checkins::shiftInfo).optional();
	}

	private static final String SHIFT_COLUMNS = """
			s.id, s.activity_id, a.title, a.type, a.status, s.starts_at, s.ends_at,
			s.attendance_confirmed_at, s.attendance_confirmed_by, a.region_path, a.organizer_team_id,
			a.organizer_site_id, coalesce(t.name, os.name) as organizer_name,
			coalesce(t.region_path, os.region_path) as organizer_path, a.geofence_radius_m,
			coalesce(a.latitude, ps.latitude) as latitude, coalesce(a.longitude, ps.longitude) as longitude,
			coalesce(ps.name, a.address, '') as place""";

	private static final String SHIFT_JOINS = """
			shift s
			join activity a on a.id = s.activity_id
			left join published_practice_site ps on ps.id = a.site_id
			left join published_team t on t.id = a.organizer_team_id
			left join published_practice_site os on os.id = a.organizer_site_id""";

	private static final String SHIFT = "select " + SHIFT_COLUMNS + " from " + SHIFT_JOINS;

	private static ShiftInfo shiftInfo(ResultSet rs, int row) throws SQLException {
		return new ShiftInfo(rs.getLong("id"), rs.getLong("activity_id"), rs.getString("title"),
				ActivityType.valueOf(rs.getString("type")), rs.getString("status"), instant(rs, "starts_at"),
				instant(rs, "ends_at"), instant(rs, "attendance_confirmed_at"), rs.getString("attendance_confirmed_by"),
				rs.getString("region_path"), (Long) rs.getObject("organizer_team_id", Long.class),
				(Long) rs.getObject("organizer_site_id", Long.class), rs.getString("organizer_name"),
				rs.getString("organizer_path"), (Integer) rs.getObject("geofence_radius_m", Integer.class),
				number(rs.getBigDecimal("latitude")), number(rs.getBigDecimal("longitude")), rs.getString("place"));
	}

	/**
	 * Whether the person organizes the shift's activity: a leader of the organizing team (or a team
	 * above it), a site administrator over the organizing site, or office staff whose scope covers the activity.
	 */
	boolean organizes(ScopedUser user, ShiftInfo shift) {
		if (user == null) {
			return false;
		}
		if ((user.hasRole(Roles.SYSTEM_ADMIN) || user.hasRole(Roles.OFFICE_STAFF))
				&& user.scope().covers(shift.regionPath())) {
			return true;
		}
		if (user.hasRole(Roles.SITE_ADMIN) && shift.organizerSiteId() != null
				&& user.scope().covers(shift.organizerPath())) {
			return true;
		}
		return shift.organizerTeamId() != null && teams.leads(user, shift.organizerTeamId());
	}

	/**
	 * The shift for its organizer.
	 *
	 * @throws RecordNotFound when there is no such shift
	 * @throws OutOfScopeException when the person does not organize it (answered as not found)
	 */
	ShiftInfo forOrganizer(long shiftId, ScopedUser user) {
		ShiftInfo shift = shift(shiftId).orElseThrow(RecordNotFound::new);
		if (!organizes(user, shift)) {
			throw new OutOfScopeException("shift", String.valueOf(shiftId));
		}
		return shift;
	}

	/** The token the organizer's phone shows now for the shift. */
	String currentToken(ShiftInfo shift) {
		return tokens.issue(shift.shiftId(), tokens.slot(clock.instant()));
	}

	long periodSeconds() {
		return tokens.periodSeconds();
	}

	// ---- the volunteer's scan ----------------------------------------------------------------------

	/** The signed-in person's active volunteer record. */
	Optional<Long> volunteerId(ScopedUser user) {
		return jdbc.sql("select id from published_volunteer where user_id = :user and status = 'ACTIVE'")
				.param("user", user.userId()).query(Long.class).optional();
	}

	/** The shift a scanned token names, if the token is genuine (for the scan page). */
	Optional<ShiftInfo> scanned(String token) {
		return tokens.read(token).flatMap(t -> shift(t.shiftId()));
	}

	/** Where the volunteer stands on the shift: null (not checked in), or their attendance. */
	Optional<AttendanceRow> attendance(long shiftId, long volunteerId) {
		return jdbc.sql("""
				select a.*, v.real_name, v.volunteer_number, 'CONFIRMED' as signup_status from attendance a
				join published_volunteer v on v.id = a.volunteer_id where a.shift_id = :shift and a.volunteer_id = :volunteer""")
				.param("shift", shiftId).param("volunteer", volunteerId).query(AttendanceRow::of).optional();
	}

	/**
	 * A check-in or check-out from the volunteer's phone. The answer is stored under the phone's
	 * idempotency key; a retry with the same key gets the same answer and records nothing.
	 *
	 * @param occurredAt when it happened on the phone (a queued scan), or null for now
	 * @param latitude position for a geofenced activity, or null
	 * @throws CheckRefusedException when a rule refuses it; then nothing is recorded
	 */
	CheckAnswer scan(ScopedUser user, String idempotencyKey, String token, String action, Instant occurredAt,
			Double latitude, Double longitude) {
		CheckinTokens.Token read = tokens.read(token)
				.orElseThrow(() -> new CheckRefusedException(CheckRefusal.TOKEN_FORGED));
		Instant now = clock.instant();
		Instant at = (occurredAt == null ? now : occurredAt).truncatedTo(ChronoUnit.MICROS);
		boolean in = "IN".equals(action);
		String outcome = in ? "CHECKED_IN" : "CHECKED_OUT";
		if (writtenAtOnce(user, idempotencyKey, read, in, outcome, at, now, latitude, longitude)) {
			scansAtOnce.increment();
			return new CheckAnswer(outcome, read.shiftId(), action, cityTime(at));
		}
		scansTheLongWay.increment();
		Standing standing = standing(user, idempotencyKey, read.shiftId())
				.orElseThrow(() -> new CheckRefusedException(CheckRefusal.NOT_A_VOLUNTEER));
		if (standing.answer() != null) {
			return replayed(standing.answer(), read.shiftId(), action);
		}
		ShiftInfo shift = standing.shift();
		if (shift != null) {
			knownShifts.put(shift.shiftId(), new KnownShift(shift, standing.facts()));
		}
		scanRules(read, at, now, shift);
		if (!standing.signedUp()) {
			throw new CheckRefusedException(CheckRefusal.NOT_SIGNED_UP);
		}
		geofence(shift, latitude, longitude);
		timeRules(shift, in, at, standing.checkedInAt(), standing.checkedOutAt());
		long volunteerId = standing.volunteerId();
		// One statement, committed on its own: the attendance change and, only if it happened, the
		// request row with its answer. The key's primary key refuses a second answer: the statement
		// then fails whole and the stored answer is read. A retry racing the first waits on the
		// attendance row until the first commits, changes nothing, and finds the first's answer.
		// The share lock on the shift orders the scan against a confirmation.
		Written written;
		try {
			written = keyLookups.sql(in ? SCAN_IN : SCAN_OUT).param("volunteer", volunteerId).param("key", idempotencyKey)
					.param("shift", shift.shiftId()).param("at", Timestamp.from(at)).param("now", Timestamp.from(now))
					.param("outcome", outcome).param("by", user.username())
					.query((rs, row) -> new Written(rs.getInt("open") > 0, rs.getInt("changed") > 0)).single();
		}
		catch (DuplicateKeyException keyAnsweredMeanwhile) {
			return stored(volunteerId, idempotencyKey, shift.shiftId(), action)
					.orElseThrow(() -> keyAnsweredMeanwhile);
		}
		if (written.changed()) {
			return new CheckAnswer(outcome, shift.shiftId(), action, cityTime(at));
		}
		Optional<CheckAnswer> raced = stored(volunteerId, idempotencyKey, shift.shiftId(), action);
		if (raced.isPresent()) {
			return raced.get();
		}
		if (!written.open()) {
			throw new CheckRefusedException(CheckRefusal.ALREADY_CONFIRMED);
		}
		// another key, the staff or the auto check-out changed the attendance meanwhile
		AttendanceRow current = attendance(shift.shiftId(), volunteerId).orElse(null);
		timeRules(shift, in, at, current == null ? null : current.checkedInAt(),
				current == null ? null : current.checkedOutAt());
		throw new CheckRefusedException(in ? CheckRefusal.ALREADY_CHECKED_IN : CheckRefusal.ALREADY_CHECKED_OUT);
	}

	/**
	 * The common scan in one statement instead of a read and a write (under load the read was a
	 * third of a check-in's cost): a shift this server has seen before is judged by the same rules on
	 * what it saw, and the statement writes only if those facts are still the database's, the
	 * volunteer is active with a confirmed sign-up and the attendance allows the action. It only ever
	 * accepts: whatever it does not write (a retry, a refusal, a shift changed since, a key used
	 * before) goes the long way, which reads everything anew and gives the answer.
	 *
	 * @return whether the scan was recorded
	 */
	private boolean writtenAtOnce(ScopedUser user, String key, CheckinTokens.Token read, boolean in, String outcome,
			Instant at, Instant now, Double latitude, Double longitude) {
		KnownShift known = knownShifts.getIfPresent(read.shiftId());
		if (known == null) {
			return false;
		}
		try {
			scanRules(read, at, now, known.shift());
			geofence(known.shift(), latitude, longitude);
			shiftTimes(known.shift(), in, at);
			return keyLookups.sql(in ? QUICK_IN : QUICK_OUT).param("user", user.userId()).param("key", key)
					.param("shift", read.shiftId()).param("facts", known.facts()).param("at", Timestamp.from(at))
					.param("now", Timestamp.from(now)).param("outcome", outcome).param("by", user.username())
					.query(Integer.class).single() > 0;
		}
		catch (CheckRefusedException | DuplicateKeyException theLongWayAnswers) {
			return false;
		}
	}

	/** What a shift seen before looked like, and its {@link #SHIFT_FACTS} then. */
	private record KnownShift(ShiftInfo shift, String facts) {
	}

	/**
	 * Everything the scan rules read of a shift, as one text: the quick path writes only while the
	 * shift's facts are still this. Attendance confirmation is checked on its own (it must be none).
	 */
	private static final String SHIFT_FACTS = """
			row(extract(epoch from s.starts_at), extract(epoch from s.ends_at), a.status, a.geofence_radius_m,
			    coalesce(a.latitude, ps.latitude), coalesce(a.longitude, ps.longitude))::text""";

	/** The quick path's conditions: the shift as seen and unconfirmed, the volunteer active and signed up. */
	private static final String QUICK_CONDITIONS = """
			with open as (
			    select s.id, s.starts_on from shift s join activity a on a.id = s.activity_id
			    left join published_practice_site ps on ps.id = a.site_id
			    where s.id = :shift and s.attendance_confirmed_at is null and (""" + SHIFT_FACTS + """
			) = :facts
			    for share of s),
			signed_up as (
			    select v.id from published_volunteer v
			    where v.user_id = :user and v.status = 'ACTIVE'
			      and exists (select 1 from signup su where su.shift_id = :shift and su.volunteer_id = v.id
			                  and su.status = 'CONFIRMED')),
			""";

	private static final String REQUEST = """
			request as (
			    insert into check_request (volunteer_id, idempotency_key, shift_id, action, occurred_at, received_at, outcome)
			    select volunteer_id, :key, :shift, :action, :at, :now, :outcome from changed returning 1)
			""";

	private static final String QUICK_IN = QUICK_CONDITIONS + """
			changed as (
			    insert into attendance (shift_id, volunteer_id, checked_in_at, check_in_method, check_in_by, shift_day)
			    select open.id, signed_up.id, :at, 'QR', :by, open.starts_on from open, signed_up
			    on conflict (shift_id, volunteer_id, shift_day) do nothing returning volunteer_id),
			""" + REQUEST.replace(":action", "'IN'") + "select count(*) from request";

	private static final String QUICK_OUT = QUICK_CONDITIONS + """
			changed as (
			    update attendance set checked_out_at = :at, check_out_method = 'QR', check_out_by = :by
			    where shift_id = (select id from open) and volunteer_id = (select id from signed_up)
			      and checked_out_at is null and checked_in_at <= :at
			    returning volunteer_id),
			""" + REQUEST.replace(":action", "'OUT'") + "select count(*) from request";

	private static final String SCAN_IN = """
			with open as (select id, starts_on from shift where id = :shift and attendance_confirmed_at is null for share),
			changed as (
			    insert into attendance (shift_id, volunteer_id, checked_in_at, check_in_method, check_in_by, shift_day)
			    select :shift, :volunteer, :at, 'QR', :by, starts_on from open
			    on conflict (shift_id, volunteer_id, shift_day) do nothing returning volunteer_id),
			""" + REQUEST.replace(":action", "'IN'") + """
			select (select count(*) from open) as open, (select count(*) from changed) as changed,
			    (select count(*) from request) as requests""";

	private static final String SCAN_OUT = """
			with open as (select id from shift where id = :shift and attendance_confirmed_at is null for share),
			changed as (
			    update attendance set checked_out_at = :at, check_out_method = 'QR', check_out_by = :by
			    where shift_id = (select id from open) and volunteer_id = :volunteer
			      and checked_out_at is null and checked_in_at <= :at
			    returning volunteer_id),
			""" + REQUEST.replace(":action", "'OUT'") + """
			select (select count(*) from open) as open, (select count(*) from changed) as changed,
			    (select count(*) from request) as requests""";

	private record Written(boolean open, boolean changed) {
	}

	/**
	 * The volunteer's standing on a shift, read in one query: their id, the answer already stored
	 * for the key (if any), the shift, whether their sign-up is confirmed, and their attendance so far.
	 */
	private record Standing(long volunteerId, CheckAnswer answer, ShiftInfo shift, String facts, boolean signedUp,
			Instant checkedInAt, Instant checkedOutAt) {
	}

	private Optional<Standing> standing(ScopedUser user, String key, long shiftId) {
		return keyLookups.sql("select " + SHIFT_COLUMNS + """
				, """ + SHIFT_FACTS + """
				 as facts, v.id as volunteer_id, r.outcome, r.shift_id as answered_shift, r.action as answered_action,
				    r.occurred_at as answered_at, att.checked_in_at, att.checked_out_at,
				    exists (select 1 from signup su where su.shift_id = :shift and su.volunteer_id = v.id
				            and su.status = 'CONFIRMED') as signed_up
				from published_volunteer v
				left join check_request r on r.volunteer_id = v.id and r.idempotency_key = :key
				left join attendance att on att.shift_id = :shift and att.volunteer_id = v.id
				left join (""" + SHIFT_JOINS + """
				) on s.id = :shift
				where v.user_id = :user and v.status = 'ACTIVE'""")
				.param("user", user.userId()).param("key", key).param("shift", shiftId)
				.query((rs, row) -> new Standing(rs.getLong("volunteer_id"),
						rs.getString("outcome") == null ? null
								: new CheckAnswer(rs.getString("outcome"), rs.getLong("answered_shift"),
										rs.getString("answered_action"), cityTime(instant(rs, "answered_at"))),
						rs.getObject("id") == null ? null : shiftInfo(rs, row), rs.getString("facts"),
						rs.getBoolean("signed_up"),
						instant(rs, "checked_in_at"), instant(rs, "checked_out_at")))
				.optional();
	}

	private static CheckAnswer replayed(CheckAnswer answer, long shiftId, String action) {
		if (answer.shiftId() != shiftId || !answer.action().equals(action)) {
			throw new CheckRefusedException(CheckRefusal.KEY_REUSED);
		}
		return answer;
	}

	/** The rules a scan must pass before the volunteer's own standing: its time, its code and the shift. */
	private void scanRules(CheckinTokens.Token read, Instant at, Instant now, ShiftInfo shift) {
		if (at.isAfter(now.plus(properties.clockSkew()))) {
			throw new CheckRefusedException(CheckRefusal.OCCURRED_IN_FUTURE);
		}
		if (at.isBefore(now.minus(properties.offlineWindow()))) {
			throw new CheckRefusedException(CheckRefusal.OCCURRED_TOO_LONG_AGO);
		}
		// the token's period is checked against when the scan happened, so a queued scan stays valid
		if (!tokens.fresh(read.slot(), at)) {
			throw new CheckRefusedException(CheckRefusal.TOKEN_EXPIRED);
		}
		if (shift == null) {
			throw new CheckRefusedException(CheckRefusal.TOKEN_FORGED);
		}
		if (!shift.open()) {
			throw new CheckRefusedException(CheckRefusal.ACTIVITY_NOT_OPEN);
		}
		if (shift.confirmedAt() != null) {
			throw new CheckRefusedException(CheckRefusal.ALREADY_CONFIRMED);
		}
	}

	private static void geofence(ShiftInfo shift, Double latitude, Double longitude) {
		if (!shift.geofenced()) {
			return;
		}
		if (latitude == null || longitude == null) {
			throw new CheckRefusedException(CheckRefusal.POSITION_REQUIRED);
		}
		if (EarthDistance.metres(shift.latitude(), shift.longitude(), latitude, longitude) > shift.geofenceRadius()) {
			throw new CheckRefusedException(CheckRefusal.OUTSIDE_GEOFENCE);
		}
	}

	/** When check-in and check-out are allowed, given the attendance so far. */
	private void timeRules(ShiftInfo shift, boolean in, Instant at, Instant checkedInAt, Instant checkedOutAt) {
		if (in) {
			shiftTimes(shift, true, at);
			if (checkedInAt != null) {
				throw new CheckRefusedException(CheckRefusal.ALREADY_CHECKED_IN);
			}
			return;
		}
		if (checkedInAt == null) {
			throw new CheckRefusedException(CheckRefusal.NOT_CHECKED_IN);
		}
		if (checkedOutAt != null) {
			throw new CheckRefusedException(CheckRefusal.ALREADY_CHECKED_OUT);
		}
		if (at.isBefore(checkedInAt)) {
			throw new CheckRefusedException(CheckRefusal.BEFORE_CHECK_IN);
		}
		shiftTimes(shift, false, at);
	}

	/** Check-in from a lead before the start to the end; check-out until the end and the grace after it. */
	private void shiftTimes(ShiftInfo shift, boolean in, Instant at) {
		if (in && at.isBefore(shift.startsAt().minus(properties.checkInLead()))) {
			throw new CheckRefusedException(CheckRefusal.TOO_EARLY);
		}
		if (at.isAfter(in ? shift.endsAt() : shift.endsAt().plus(properties.autoCheckoutGrace()))) {
			throw new CheckRefusedException(CheckRefusal.SHIFT_ENDED);
		}
	}

	/** The stored answer to this key, if any; the key used for another shift or action is refused. */
	private Optional<CheckAnswer> stored(long volunteerId, String key, long shiftId, String action) {
		Optional<CheckAnswer> answer = jdbc.sql("""
				select outcome, shift_id, action, occurred_at from check_request
				where volunteer_id = :volunteer and idempotency_key = :key""")
				.param("volunteer", volunteerId).param("key", key)
				.query((rs, row) -> new CheckAnswer(rs.getString("outcome"), rs.getLong("shift_id"), rs.getString("action"),
						cityTime(instant(rs, "occurred_at"))))
				.optional();
		if (answer.isPresent() && (answer.get().shiftId() != shiftId || !answer.get().action().equals(action))) {
			throw new CheckRefusedException(CheckRefusal.KEY_REUSED);
		}
		return answer;
	}

	private boolean confirmedSignUp(long shiftId, long volunteerId) {
		return jdbc.sql("""
				select exists (select 1 from signup where shift_id = :shift and volunteer_id = :volunteer
				    and status = 'CONFIRMED')""").param("shift", shiftId).param("volunteer", volunteerId)
				.query(Boolean.class).single();
	}

	/** Writes a staff entry after the time rules; inside the caller's transaction. */
	private void record(ShiftInfo shift, long volunteerId, String action, Instant at, String method, String by,
			String reason) {
		boolean in = "IN".equals(action);
		AttendanceRow current = attendance(shift.shiftId(), volunteerId).orElse(null);
		timeRules(shift, in, at, current == null ? null : current.checkedInAt(),
				current == null ? null : current.checkedOutAt());
		if (in) {
			int inserted = jdbc.sql("""
					insert into attendance (shift_id, volunteer_id, checked_in_at, check_in_method, check_in_by, check_in_reason,
					    shift_day)
					select :shift, :volunteer, :at, :method, :by, :reason, starts_on from shift where id = :shift
					on conflict (shift_id, volunteer_id, shift_day) do nothing""")
					.param("shift", shift.shiftId()).param("volunteer", volunteerId).param("at", Timestamp.from(at))
					.param("method", method).param("by", by).param("reason", reason, java.sql.Types.VARCHAR).update();
			if (inserted == 0) {
				throw new CheckRefusedException(CheckRefusal.ALREADY_CHECKED_IN);
			}
			return;
		}
		int updated = jdbc.sql("""
				update attendance set checked_out_at = :at, check_out_method = :method, check_out_by = :by,
				    check_out_reason = :reason where id = :id and checked_out_at is null""")
				.param("at", Timestamp.from(at)).param("method", method).param("by", by)
				.param("reason", reason, java.sql.Types.VARCHAR).param("id", current.id()).update();
		if (updated == 0) {
			throw new CheckRefusedException(CheckRefusal.ALREADY_CHECKED_OUT);
		}
	}

	// ---- staff by hand -------------------------------------------------------------------------------

	/**
	 * Check-in or check-out entered by the organizer for a volunteer with a confirmed sign-up (补签),
	 * with a reason; {@code occurredAt} null means now.
	 */
	void byStaff(ScopedUser user, long shiftId, long volunteerId, String action, String reason, Instant occurredAt) {
		ShiftInfo shift = forOrganizer(shiftId, user);
		Instant now = clock.instant();
		Instant at = (occurredAt == null ? now : occurredAt).truncatedTo(ChronoUnit.MICROS);
		if (at.isAfter(now.plus(properties.clockSkew()))) {
			throw new CheckRefusedException(CheckRefusal.OCCURRED_IN_FUTURE);
		}
		transactions.executeWithoutResult(tx -> {
			// the shift row's lock orders entries against a confirmation running at the same time
			if (confirmedAt(shiftId) != null) {
				throw new CheckRefusedException(CheckRefusal.ALREADY_CONFIRMED);
			}
			if (!confirmedSignUp(shiftId, volunteerId)) {
				throw new CheckRefusedException(CheckRefusal.NOT_SIGNED_UP);
			}
			record(shift, volunteerId, action, at, "STAFF", user.username(), reason);
		});
	}

	private Instant confirmedAt(long shiftId) {
		return jdbc.sql("select attendance_confirmed_at from shift where id = :id for update").param("id", shiftId)
				.query((rs, row) -> instant(rs, "attendance_confirmed_at")).optional().orElse(null);
	}

	// ---- the roster ------------------------------------------------------------------------------------

	/** Everyone with a confirmed sign-up, and anyone else with an attendance, by name in the reader's order. */
	List<AttendanceRow> roster(long shiftId, Locale locale) {
		return jdbc.sql("""
				select a.*, v.id as vid, v.real_name, v.volunteer_number, coalesce(s.status, 'NONE') as signup_status
				from published_volunteer v
				left join signup s on s.volunteer_id = v.id and s.shift_id = :shift and s.status = 'CONFIRMED'
				left join attendance a on a.volunteer_id = v.id and a.shift_id = :shift
				where v.id in (select volunteer_id from signup where shift_id = :shift and status = 'CONFIRMED'
				               union select volunteer_id from attendance where shift_id = :shift)
				order by v.real_name %s, v.id""".formatted(NameOrder.of(locale).collate())).param("shift", shiftId)
				.query(AttendanceRow::of).list();
	}

	// ---- forgotten check-outs -----------------------------------------------------------------------

	/**
	 * Closes every check-out still open a grace period after its shift ended, at the shift end,
	 * flagged for the leader. The scheduled job calls it with the clock's time; tests with a moved one.
	 *
	 * @return how many attendances were closed
	 */
	int autoCheckOut(Instant now) {
		return jdbc.sql("""
				update attendance a set checked_out_at = greatest(s.ends_at, a.checked_in_at), check_out_method = 'AUTO',
				    check_out_by = :system, auto_checked_out = true
				from shift s
				where s.id = a.shift_id and a.checked_out_at is null and s.ends_at <= :cutoff
				  and s.attendance_confirmed_at is null""")
				.param("system", SYSTEM).param("cutoff", Timestamp.from(now.minus(properties.autoCheckoutGrace())))
				.update();
	}

	// ---- confirmation ----------------------------------------------------------------------------------

	/**
	 * The organizer confirms the shift's attendance after it ended: open check-outs close at the end,
	 * each attendance is counted or not by the minimum presence, and {@link AttendanceConfirmed} is
	 * published in the same transaction (the event registry stores it with the commit).
	 */
	AttendanceConfirmed confirm(ScopedUser user, long shiftId) {
		ShiftInfo shift = forOrganizer(shiftId, user);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		if (!shift.ended(now)) {
			throw new CheckRefusedException(CheckRefusal.SHIFT_NOT_ENDED);
		}
		return transactions.execute(tx -> {
			int marked = jdbc.sql("""
					update shift set attendance_confirmed_at = :now, attendance_confirmed_by = :by, version = version + 1
					where id = :id and attendance_confirmed_at is null""")
					.param("now", Timestamp.from(now)).param("by", user.username()).param("id", shiftId).update();
			if (marked == 0) {
				throw new CheckRefusedException(CheckRefusal.ALREADY_CONFIRMED);
			}
			jdbc.sql("""
					update attendance set checked_out_at = greatest(:end, checked_in_at), check_out_method = 'AUTO',
					    check_out_by = :system, auto_checked_out = true
					where shift_id = :id and checked_out_at is null""")
					.param("end", Timestamp.from(shift.endsAt())).param("system", SYSTEM).param("id", shiftId).update();
			List<AttendanceConfirmed.Attendance> served = new ArrayList<>();
			for (AttendanceRow row : jdbc.sql("""
					select a.*, v.id as vid, v.real_name, v.volunteer_number, 'CONFIRMED' as signup_status from attendance a
					join published_volunteer v on v.id = a.volunteer_id where a.shift_id = :id order by a.id for update of a""")
					.param("id", shiftId).query(AttendanceRow::of).list()) {
				Instant start = max(row.checkedInAt(), shift.startsAt());
				Instant end = min(row.checkedOutAt(), shift.endsAt());
				Duration present = end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
				boolean counted = !present.isZero()
						&& present.toMillis() >= properties.minimumPresence() * shift.length().toMillis();
				jdbc.sql("update attendance set counted = :counted where id = :id").param("counted", counted)
						.param("id", row.id()).update();
				if (counted) {
					served.add(new AttendanceConfirmed.Attendance(row.volunteerId(), cityTime(start), cityTime(end),
							row.checkInBy(), row.autoCheckedOut()));
				}
			}
			AttendanceConfirmed confirmed = new AttendanceConfirmed(shift.activityId(), shiftId, shift.type(),
					shift.title(), organizer(shift), user.username(), cityTime(now), served);
			events.publishEvent(confirmed);
			return confirmed;
		});
	}

	private static AttendanceConfirmed.Organizer organizer(ShiftInfo shift) {
		return shift.organizerTeamId() != null
				? new AttendanceConfirmed.Organizer(AttendanceConfirmed.Organizer.Kind.TEAM, shift.organizerTeamId(),
						shift.organizerName(), shift.organizerPath())
				: new AttendanceConfirmed.Organizer(AttendanceConfirmed.Organizer.Kind.SITE, shift.organizerSiteId(),
						shift.organizerName(), shift.organizerPath());
	}

	// ---- small helpers -------------------------------------------------------------------------------

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return time == null ? null : time.toInstant();
	}

	static OffsetDateTime cityTime(Instant instant) {
		return instant.atZone(CityTime.ZONE).toOffsetDateTime();
	}

	private static Double number(BigDecimal value) {
		return value == null ? null : value.doubleValue();
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}
}
