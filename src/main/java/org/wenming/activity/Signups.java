package org.wenming.activity;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.platform.KeyLookups;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.FieldProblem;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;
import org.wenming.volunteer.team.NameMask;
import org.wenming.volunteer.team.Teams;

/**
 * Signing up for shifts. Every step that changes a shift's places first takes the shift's row lock
 * ({@code select ... for update}), so sign-ups, cancellations and approvals of one shift happen one
 * after the other and its counts stay equal to its rows; the check constraint on the counts and the
 * partial unique index on live sign-ups hold even if this code were wrong.
 */
@Service
public class Signups {

	/** The advisory-lock key space of volunteers' sign-ups (the first of the two int keys). */
	private static final int VOLUNTEER_LOCKS = 0x5349474e;

	private static final String LIVE = "('PENDING', 'CONFIRMED', 'WAITLISTED')";

	private static final RowMapper<Signup> ROW = (rs, i) -> new Signup(rs.getLong("id"), rs.getLong("shift_id"),
			rs.getLong("volunteer_id"), SignupStatus.valueOf(rs.getString("status")),
			rs.getObject("signed_up_at", OffsetDateTime.class), rs.getObject("decided_at", OffsetDateTime.class),
			rs.getString("reason"));

	private final JdbcClient jdbc;

	private final Activities activities;

	private final Volunteers volunteers;

	private final Clock clock;

	private final Teams teams;

	/** Eight batches at once at most: each holds a connection of the pool of 20 while it runs. */
	private final ExecutorService deciders = Executors.newFixedThreadPool(8, daemons());

	private final SignupLanes lanes = new SignupLanes(deciders);

	/** The plan-keeping pool, for a batch's conflicts (see {@link #decideTogether}). */
	private final JdbcClient keyLookups;

	/** A batch's own transaction, whatever the calling thread is in. */
	private final TransactionTemplate batches;

	Signups(JdbcClient jdbc, @KeyLookups JdbcClient keyLookups, Activities activities, Volunteers volunteers,
			Clock clock, Teams teams, PlatformTransactionManager transactions) {
		this.keyLookups = keyLookups;
		this.batches = new TransactionTemplate(transactions);
		this.batches.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.jdbc = jdbc;
		this.activities = activities;
		this.volunteers = volunteers;
		this.teams = teams;
		this.clock = clock;
	}

	private static org.springframework.scheduling.concurrent.CustomizableThreadFactory daemons() {
		var threads = new org.springframework.scheduling.concurrent.CustomizableThreadFactory("signup-");
		threads.setDaemon(true);
		return threads;
	}

	@jakarta.annotation.PreDestroy
	void stopDeciders() {
		deciders.shutdown();
	}

	/** The signed-in person's volunteer record, or a refusal saying they must register first. */
	public Volunteer volunteerOf(ScopedUser me) {
		if (me == null) {
			throw ActivityRefusedException.forbidden("activity.error.notVolunteer");
		}
		return volunteers.own(me).orElseThrow(() -> ActivityRefusedException.forbidden("activity.error.notVolunteer"));
	}

	public Optional<Volunteer> ownVolunteer(ScopedUser me) {
		return me == null ? Optional.empty() : volunteers.own(me);
	}

	/**
	 * The signed-in volunteer signs up: with everyone else signing up for the same shift on this node at the
	 * same moment, in one transaction ({@link SignupLanes}), in the order the requests arrived. The same
	 * rules and answers as {@link #signUp(long, Volunteer)}; the sign-up commits on its own.
	 */
	public Signup signUp(long shiftId, ScopedUser me) {
		try {
			return signUpSoon(shiftId, me).join();
		}
		catch (java.util.concurrent.CompletionException ex) {
			throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
		}
	}

	/** {@link #signUp(long, ScopedUser)} without holding the calling thread while the sign-up waits its turn. */
	public CompletableFuture<Signup> signUpSoon(long shiftId, ScopedUser me) {
		Volunteer volunteer = volunteerOf(me);
		return lanes.signUp(shiftId, volunteer, batch -> signUpTogether(shiftId, batch));
	}

	/**
	 * Signs the volunteer up: confirmed while places last, waitlisted when full, pending when the
	 * organizer approves each sign-up. A shift without a waitlist refuses once full (a service desk's
	 * shift: taking, 接单), and an unlisted one takes members of the organizing team only.
	 */
	@Transactional
	public Signup signUp(long shiftId, Volunteer volunteer) {
		// one volunteer's sign-ups are serialized too (a transaction-scoped advisory lock, taken before the
		// shift's row lock), so two overlapping shifts signed up for at the same instant cannot both succeed
		// (ids beyond the int range share keys: only more waiting, never less safety)
		jdbc.sql("select 1 from (select pg_advisory_xact_lock(:space, :volunteer)) locked")
			.param("space", VOLUNTEER_LOCKS).param("volunteer", (int) volunteer.id()).query(Integer.class).single();
		Locked shift = lock(shiftId);
		OffsetDateTime now = OffsetDateTime.now(clock);
		Conflicts conflicts = conflicts(jdbc, shift, List.of(volunteer.id())).get(volunteer.id());
		refuseAgainstRules(shift, volunteer, now, conflicts.missing());
		refuseConflicts(conflicts);
		refuseWhenFull(shift, shift.shift().confirmedCount());
		SignupStatus status = status(shift, shift.shift().confirmedCount());
		try {
			return jdbc.sql(INSERT.get(status)).param("shift", shiftId).param("v", volunteer.id())
				.param("status", status.name()).param("now", now).param("day", shift.day()).query(ROW).single();
		}
		catch (DuplicateKeyException ex) {
			// the partial unique index: cannot happen under the shift lock, kept as the last word
			throw ActivityRefusedException.conflict("activity.error.alreadySignedUp");
		}
	}

	/**
	 * The sign-up's row and the shift's counter in one statement (one round trip under the shift's lock):
	 * the counter named by the status, none for a pending sign-up.
	 */
	private static final Map<SignupStatus, String> INSERT = Map.of(
			SignupStatus.CONFIRMED, insertCounting("confirmed_count"),
			SignupStatus.WAITLISTED, insertCounting("waitlist_count"),
			SignupStatus.PENDING, """
					insert into signup (shift_id, volunteer_id, status, signed_up_at, shift_day)
					values (:shift, :v, :status, :now, :day) returning *""");

	private static String insertCounting(String column) {
		return """
				with added as (
				    insert into signup (shift_id, volunteer_id, status, signed_up_at, shift_day)
				    values (:shift, :v, :status, :now, :day) returning *),
				counted as (update shift set %1$s = %1$s + 1, version = version + 1 where id = :shift)
				select * from added""".formatted(column);
	}

	/**
	 * What the sign-up's one read of the database found for a volunteer: a live sign-up for the shift already, one
	 * for an overlapping shift, and the shift's required qualifications they do not hold on its day.
	 */
	private record Conflicts(boolean already, boolean overlap, List<String> missing) {
	}

	/**
	 * The rules that need no look at other sign-ups, in the order their refusals are given; {@code missing} are
	 * the shift's required qualifications the volunteer does not hold on its day (read with the conflicts).
	 */
	private void refuseAgainstRules(Locked shift, Volunteer volunteer, OffsetDateTime now, List<String> missing) {
		if (!volunteer.active()) {
			throw ActivityRefusedException.forbidden("activity.error.volunteerWithdrawn");
		}
		if (!shift.activityStatus().open()) {
			throw ActivityRefusedException.conflict("activity.error.notOpen");
		}
		if (!shift.listed()
				&& (shift.organizerTeamId() == null || !teams.isMember(shift.organizerTeamId(), volunteer.id()))) {
			throw ActivityRefusedException.forbidden("activity.error.teamOnly");
		}
		if (!shift.shift().startsAt().isAfter(now)) {
			throw ActivityRefusedException.conflict("activity.error.shiftStarted");
		}
		if (shift.shift().minAge() != null
				&& volunteer.age(Activities.cityDate(shift.shift().startsAt())) < shift.shift().minAge()) {
			throw ActivityRefusedException.conflict("activity.error.tooYoung");
		}
		if (!volunteer.skills().containsAll(shift.shift().requiredSkills())) {
			throw ActivityRefusedException.conflict("activity.error.skillsMissing");
		}
		if (!missing.isEmpty()) {
			// one refusal per missing qualification, each naming it; the first is the answer's message
			throw new ActivityRefusedException(ActivityRefusedException.Kind.CONFLICT, missing.stream()
				.map(q -> new FieldProblem("status", "activity.error.trainingMissing." + q)).toList());
		}
	}

	private static void refuseConflicts(Conflicts conflicts) {
		if (conflicts.already()) {
			throw ActivityRefusedException.conflict("activity.error.alreadySignedUp");
		}
		if (conflicts.overlap()) {
			throw ActivityRefusedException.conflict("activity.error.overlap");
		}
	}

	/** Counted under the shift's row lock: never more takers than places, however many try at once. */
	private static void refuseWhenFull(Locked shift, int confirmed) {
		if (!shift.waitlist() && !shift.requiresApproval() && confirmed >= shift.shift().capacity()) {
			throw ActivityRefusedException.conflict("activity.error.noPlacesLeft");
		}
	}

	private static SignupStatus status(Locked shift, int confirmed) {
		return shift.requiresApproval() ? SignupStatus.PENDING
				: confirmed >= shift.shift().capacity() ? SignupStatus.WAITLISTED : SignupStatus.CONFIRMED;
	}

	/**
	 * Whether each volunteer already holds a live sign-up for the shift, or one for another shift whose time
	 * overlaps it, and (for a shift that requires qualifications) which of them they do not hold on its day. Both read only the partitions the days can lie in (the shift's own day; the days from a
	 * week before its start, the longest a shift may last, to its end): a sign-up's partition key is its
	 * shift's start day, and without it PostgreSQL planned both over every year's partition on each request
	 * (the pool forces custom plans): 3 of the 5.8 ms of PostgreSQL's CPU a sign-up took (docs/BENCHMARKS.md).
	 */
	private Map<Long, Conflicts> conflicts(JdbcClient on, Locked shift, List<Long> volunteerIds) {
		Shift s = shift.shift();
		boolean qualified = !s.requiredQualifications().isEmpty();
		Map<Long, Conflicts> found = new HashMap<>();
		var statement = on.sql(qualified ? CONFLICTS_AND_QUALIFICATIONS : CONFLICTS)
			.param("shift", s.id()).param("volunteers", volunteerIds.toArray(Long[]::new)).param("day", shift.day())
			.param("earliest", Activities.cityDate(s.startsAt().minus(ActivityRules.SHIFT_MAX)))
			.param("latest", Activities.cityDate(s.endsAt())).param("start", s.startsAt()).param("end", s.endsAt());
		if (qualified) {
			statement = statement.param("required", s.requiredQualifications().toArray(String[]::new));
		}
		statement.query(rs -> {
			found.put(rs.getLong("id"), new Conflicts(rs.getBoolean("already"), rs.getBoolean("overlap"),
					qualified ? Activities.strings(rs.getArray("missing")) : List.of()));
		});
		return found;
	}

	private static final String CONFLICTS_COLUMNS = """
			select v.id,
			       exists (select 1 from signup where shift_id = :shift and volunteer_id = v.id and shift_day = :day
			                   and status in ('PENDING', 'CONFIRMED', 'WAITLISTED')) as already,
			       exists (select 1 from signup g join shift o on o.id = g.shift_id
			               where g.volunteer_id = v.id and g.shift_day between :earliest and :latest
			                   and g.status in ('PENDING', 'CONFIRMED', 'WAITLISTED') and o.id <> :shift
			                   and o.starts_at < :end and o.ends_at > :start) as overlap""";

	/**
	 * With the shift's required qualifications that each volunteer does not hold on the shift's day, from the
	 * training module's published view: only for a shift that requires some, so that a sign-up for any other
	 * shift runs the statement it always ran.
	 */
	private static final String CONFLICTS = CONFLICTS_COLUMNS + """

			from unnest(cast(:volunteers as bigint[])) v(id)""";

	private static final String CONFLICTS_AND_QUALIFICATIONS = CONFLICTS_COLUMNS + """
			,
			       array(select q from unnest(cast(:required as text[])) q
			             where not exists (select 1 from published_training_qualification h
			                               where h.volunteer_id = v.id and h.qualification = q
			                                   and (h.valid_until is null or h.valid_until >= :day))) as missing
			from unnest(cast(:volunteers as bigint[])) v(id)""";

	/**
	 * The batch of {@link SignupLanes}: every volunteer's lock (in id order, so that batches never wait on
	 * each other in a circle), the shift's row lock, each volunteer judged by the rules of
	 * {@link #signUp(long, Volunteer)} in arrival order with the places counted as they go, the accepted rows
	 * and the counters written in one statement, one commit. Should the batch fail for anything but a
	 * refusal, each sign-up is tried again on its own, so that one bad request cannot fail the others.
	 */
	private List<SignupLanes.Outcome> signUpTogether(long shiftId, List<Volunteer> batch) {
		try {
			return batches.execute(tx -> decideTogether(shiftId, batch));
		}
		catch (ActivityRefusedException | RecordNotFound refused) {
			throw refused;
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1) {
				throw ex;
			}
			List<SignupLanes.Outcome> outcomes = new ArrayList<>();
			for (Volunteer volunteer : batch) {
				try {
					outcomes.add(new SignupLanes.Outcome(batches.execute(tx -> signUp(shiftId, volunteer)), null));
				}
				catch (RuntimeException refused) {
					outcomes.add(new SignupLanes.Outcome(null, refused));
				}
			}
			return outcomes;
		}
	}

	private List<SignupLanes.Outcome> decideTogether(long shiftId, List<Volunteer> batch) {
		List<Long> volunteerIds = batch.stream().map(Volunteer::id).distinct().toList();
		jdbc.sql("""
				select count(*) from (select pg_advisory_xact_lock(:space, v)
				                      from (select v from unnest(cast(:volunteers as int[])) v order by v) ordered) locked""")
			.param("space", VOLUNTEER_LOCKS)
			.param("volunteers", volunteerIds.stream().map(id -> (int) id.longValue()).distinct().sorted().toArray(Integer[]::new))
			.query(Long.class).single();
		Locked shift = lock(shiftId);
		OffsetDateTime now = OffsetDateTime.now(clock);
		// read on the plan-keeping pool, not the batch's connection: the main pool planned this statement over
		// the yearly partitions on every batch (0.74 of its 0.83 ms, docs/BENCHMARKS.md). It sees what the
		// batch's own connection would: the batch has written nothing yet, and holds every volunteer's lock and
		// the shift's, which any sign-up that could change the answer must take first
		Map<Long, Conflicts> conflicts = conflicts(keyLookups, shift, volunteerIds);
		SignupLanes.Outcome[] outcomes = new SignupLanes.Outcome[batch.size()];
		Map<Long, Integer> accepted = new LinkedHashMap<>();
		List<SignupStatus> statuses = new ArrayList<>();
		int confirmed = shift.shift().confirmedCount();
		int waitlisted = 0;
		for (int i = 0; i < batch.size(); i++) {
			Volunteer volunteer = batch.get(i);
			try {
				refuseAgainstRules(shift, volunteer, now, conflicts.get(volunteer.id()).missing());
				// the same volunteer twice in one batch: the second finds the first's sign-up
				refuseConflicts(accepted.containsKey(volunteer.id()) ? new Conflicts(true, false, List.of())
						: conflicts.get(volunteer.id()));
				refuseWhenFull(shift, confirmed);
				SignupStatus status = status(shift, confirmed);
				confirmed += status == SignupStatus.CONFIRMED ? 1 : 0;
				waitlisted += status == SignupStatus.WAITLISTED ? 1 : 0;
				accepted.put(volunteer.id(), i);
				statuses.add(status);
			}
			catch (ActivityRefusedException refused) {
				outcomes[i] = new SignupLanes.Outcome(null, refused);
			}
		}
		if (!accepted.isEmpty()) {
			Map<Long, Signup> added = new HashMap<>();
			jdbc.sql("""
					with added as (
					    insert into signup (shift_id, volunteer_id, status, signed_up_at, shift_day)
					    select :shift, t.volunteer, t.status, :now, :day
					    from unnest(cast(:volunteers as bigint[]), cast(:statuses as varchar[])) with ordinality t(volunteer, status, n)
					    order by t.n
					    returning *),
					counted as (
					    update shift set confirmed_count = confirmed_count + :confirmed, waitlist_count = waitlist_count + :waitlisted,
					        version = version + 1 where id = :shift)
					select * from added""")
				.param("shift", shiftId).param("now", now).param("day", shift.day())
				.param("volunteers", accepted.keySet().toArray(Long[]::new))
				.param("statuses", statuses.stream().map(Enum::name).toArray(String[]::new))
				.param("confirmed", confirmed - shift.shift().confirmedCount()).param("waitlisted", waitlisted)
				.query(ROW).list().forEach(signup -> added.put(signup.volunteerId(), signup));
			accepted.forEach((volunteerId, i) -> outcomes[i] = new SignupLanes.Outcome(added.get(volunteerId), null));
		}
		return List.of(outcomes);
	}

	/**
	 * A leader of the shift's organizing team (or staff whose scope covers the activity) signs up a named
	 * volunteer on their behalf (the service desk's leader assigning a member to an order): every rule of
	 * {@link #signUp(long, Volunteer)} holds (a member of the team for an unlisted shift, places left, not
	 * started, no overlap), only the "self" rule is replaced by the organizer's right. The sign-up records
	 * who assigned it ({@code decided_by}) and the volunteer is told.
	 *
	 * @throws org.wenming.shared.OutOfScopeException when the caller may not manage the shift's activity
	 */
	@Transactional
	public Signup assign(long shiftId, long volunteerId, ScopedUser organizer) {
		Shift shift = activities.shift(shiftId).orElseThrow(RecordNotFound::new);
		activities.findForManaging(shift.activityId(), organizer).orElseThrow(RecordNotFound::new);
		Volunteer volunteer = volunteers.find(volunteerId)
			.orElseThrow(() -> ActivityRefusedException.forbidden("activity.error.teamOnly"));
		Signup signup = signUp(shiftId, volunteer);
		jdbc.sql("update signup set decided_by = :by, decided_at = :now where id = :id")
			.param("by", organizer.username()).param("now", OffsetDateTime.now(clock)).param("id", signup.id()).update();
		Notices.tell(jdbc, volunteer.id(), shift.activityId(), "APPROVED", null);
		return find(signup.id()).orElseThrow();
	}

	/**
	 * The volunteer withdraws before the shift starts. A confirmed place freed goes to the first on
	 * the waitlist, who is told.
	 */
	@Transactional
	public Signup cancel(long signupId, Volunteer volunteer) {
		Signup signup = find(signupId).filter(s -> s.volunteerId() == volunteer.id()).orElseThrow(RecordNotFound::new);
		Locked shift = lock(signup.shiftId());
		signup = lockSignup(signupId);
		if (!signup.status().live()) {
			throw ActivityRefusedException.conflict("activity.error.signupNotLive");
		}
		if (!shift.shift().startsAt().isAfter(OffsetDateTime.now(clock))) {
			throw ActivityRefusedException.conflict("activity.error.shiftStarted");
		}
		jdbc.sql("update signup set status = 'CANCELLED', cancelled_at = :now where id = :id").param("id", signupId)
			.param("now", OffsetDateTime.now(clock)).update();
		count(signup.shiftId(), signup.status(), -1);
		if (signup.status() == SignupStatus.CONFIRMED) {
			promote(shift);
		}
		return find(signupId).orElseThrow();
	}

	@Transactional
	public Signup cancel(long signupId, ScopedUser me) {
		return cancel(signupId, volunteerOf(me));
	}

	/** The organizer approves a pending sign-up: confirmed while places last, else onto the waitlist. */
	@Transactional
	public Signup approve(long signupId, ScopedUser organizer) {
		Signup pending = pending(signupId, organizer);
		Locked shift = lock(pending.shiftId());
		pending = lockSignup(signupId);
		if (pending.status() != SignupStatus.PENDING) {
			throw ActivityRefusedException.conflict("activity.error.alreadyDecided");
		}
		// a place on a shift that is over, or on a cancelled or finished activity, is worth nothing
		if (shift.activityStatus() == ActivityStatus.CANCELLED || shift.activityStatus() == ActivityStatus.FINISHED
				|| !shift.shift().endsAt().isAfter(OffsetDateTime.now(clock))) {
			throw ActivityRefusedException.conflict("activity.error.approvalClosed");
		}
		if (!shift.waitlist() && shift.shift().full()) {
			throw ActivityRefusedException.conflict("activity.error.noPlacesLeft");
		}
		SignupStatus status = shift.shift().full() ? SignupStatus.WAITLISTED : SignupStatus.CONFIRMED;
		jdbc.sql("""
				update signup set status = :status, decided_at = :now, decided_by = :by, queued_at = clock_timestamp()
				where id = :id""").param("status", status.name()).param("now", OffsetDateTime.now(clock))
			.param("by", organizer.username()).param("id", signupId).update();
		count(pending.shiftId(), status, +1);
		Notices.tell(jdbc, pending.volunteerId(), shift.activityId(),
				status == SignupStatus.CONFIRMED ? "APPROVED" : "WAITLISTED", null);
		return find(signupId).orElseThrow();
	}

	/** The organizer declines a pending sign-up, with a reason the volunteer is told. */
	@Transactional
	public Signup decline(long signupId, String reason, ScopedUser organizer) {
		List<FieldProblem> problems = ActivityRules.checkReason(reason);
		if (!problems.isEmpty()) {
			throw new ActivityRefusedException(problems);
		}
		Signup pending = pending(signupId, organizer);
		Locked shift = lock(pending.shiftId());
		pending = lockSignup(signupId);
		if (pending.status() != SignupStatus.PENDING) {
			throw ActivityRefusedException.conflict("activity.error.alreadyDecided");
		}
		jdbc.sql("""
				update signup set status = 'DECLINED', decided_at = :now, decided_by = :by, reason = :reason
				where id = :id""").param("now", OffsetDateTime.now(clock)).param("by", organizer.username())
			.param("reason", reason.strip()).param("id", signupId).update();
		Notices.tell(jdbc, pending.volunteerId(), shift.activityId(), "DECLINED", reason.strip());
		return find(signupId).orElseThrow();
	}

	private Signup pending(long signupId, ScopedUser organizer) {
		Signup signup = find(signupId).orElseThrow(RecordNotFound::new);
		long activityId = activities.shift(signup.shiftId()).orElseThrow().activityId();
		activities.findForManaging(activityId, organizer).orElseThrow(RecordNotFound::new);
		return signup;
	}

	/** The first on the waitlist (queue order, id breaking ties) takes the freed place and is told. */
	private void promote(Locked shift) {
		Optional<Long> promoted = jdbc.sql("""
				update signup set status = 'CONFIRMED', decided_at = :now
				where id = (select id from signup where shift_id = :shift and status = 'WAITLISTED'
				            order by queued_at, id limit 1)
				returning volunteer_id""").param("shift", shift.shift().id()).param("now", OffsetDateTime.now(clock))
			.query(Long.class).optional();
		promoted.ifPresent(volunteerId -> {
			jdbc.sql("""
					update shift set confirmed_count = confirmed_count + 1, waitlist_count = waitlist_count - 1,
					    version = version + 1 where id = :id""").param("id", shift.shift().id()).update();
			Notices.tell(jdbc, volunteerId, shift.activityId(), "PROMOTED", null);
		});
	}

	private void count(long shiftId, SignupStatus status, int delta) {
		String column = switch (status) {
			case CONFIRMED -> "confirmed_count";
			case WAITLISTED -> "waitlist_count";
			default -> null;
		};
		if (column != null) {
			// the column name comes from the enum above, never from input
			jdbc.sql("update shift set " + column + " = " + column + " + :delta, version = version + 1 where id = :id")
				.param("delta", delta).param("id", shiftId).update();
		}
	}

	private record Locked(Shift shift, LocalDate day, long activityId, ActivityStatus activityStatus,
			boolean requiresApproval, boolean listed, boolean waitlist, Long organizerTeamId) {
	}

	/**
	 * Takes the shift's row lock: the one place where a shift's sign-ups are serialized. The activity's
	 * rules come in the same statement (not locked: a sign-up changes nothing of the activity).
	 */
	private Locked lock(long shiftId) {
		return jdbc.sql("""
				select s.id, s.activity_id, s.starts_at, s.ends_at, s.capacity, s.min_age, s.required_skills,
				    s.required_qualifications, s.confirmed_count, s.waitlist_count, s.starts_on, a.status as activity_status, a.requires_approval,
				    a.listed, a.waitlist, a.organizer_team_id
				from shift s join activity a on a.id = s.activity_id where s.id = :id for update of s""")
			.param("id", shiftId)
			.query((rs, i) -> new Locked(Activities.SHIFT.mapRow(rs, i), rs.getObject("starts_on", LocalDate.class),
					rs.getLong("activity_id"), ActivityStatus.valueOf(rs.getString("activity_status")),
					rs.getBoolean("requires_approval"), rs.getBoolean("listed"), rs.getBoolean("waitlist"),
					rs.getObject("organizer_team_id", Long.class)))
			.optional().orElseThrow(RecordNotFound::new);
	}

	private Signup lockSignup(long id) {
		return jdbc.sql("select * from signup where id = :id for update").param("id", id).query(ROW).single();
	}

	public Optional<Signup> find(long id) {
		return jdbc.sql("select * from signup where id = :id").param("id", id).query(ROW).optional();
	}

	/** The volunteer's live sign-up for each of the shifts, if any. */
	public List<Signup> liveSignups(long volunteerId, List<Long> shiftIds) {
		if (shiftIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select * from signup where volunteer_id = :v and shift_id in (:shifts) and status in " + LIVE)
			.param("v", volunteerId).param("shifts", shiftIds).query(ROW).list();
	}

	/** A shift's sign-ups for its organizer: names masked, in queue order within each status. */
	public List<RosterRow> roster(long shiftId, int limit) {
		return jdbc.sql("""
				select s.id, s.volunteer_id, v.real_name, v.volunteer_number, s.status, s.signed_up_at, s.reason
				from signup s join published_volunteer v on v.id = s.volunteer_id
				where s.shift_id = :shift
				order by case s.status when 'PENDING' then 0 when 'CONFIRMED' then 1 when 'WAITLISTED' then 2 else 3 end,
				    s.queued_at, s.id
				limit :limit""").param("shift", shiftId).param("limit", limit)
			.query((rs, i) -> new RosterRow(rs.getLong("id"), rs.getLong("volunteer_id"),
					NameMask.mask(rs.getString("real_name")), rs.getString("volunteer_number"),
					SignupStatus.valueOf(rs.getString("status")), rs.getObject("signed_up_at", OffsetDateTime.class),
					rs.getString("reason")))
			.list();
	}

	/** The volunteer's sign-ups, newest shift first, with their place on the waitlist. */
	public List<MySignup> mine(long volunteerId, int limit) {
		return jdbc.sql("""
				select s.id, s.status, s.reason, a.id as activity_id, a.title, a.status as activity_status, sh.id as shift_id,
				    sh.starts_at, sh.ends_at, coalesce(ps.name, a.address, r.name, '') as place,
				    case when s.status = 'WAITLISTED' then (select count(*) from signup w where w.shift_id = s.shift_id
				        and w.status = 'WAITLISTED' and (w.queued_at, w.id) <= (s.queued_at, s.id)) else 0 end as position
				from signup s join shift sh on sh.id = s.shift_id join activity a on a.id = sh.activity_id
				left join published_practice_site ps on ps.id = a.site_id left join published_region r on r.code = a.region_code
				where s.volunteer_id = :v
				order by sh.starts_at desc, s.id desc limit :limit""").param("v", volunteerId).param("limit", limit)
			.query((rs, i) -> new MySignup(rs.getLong("id"), SignupStatus.valueOf(rs.getString("status")),
					rs.getString("reason"), rs.getLong("activity_id"), rs.getString("title"),
					ActivityStatus.valueOf(rs.getString("activity_status")), rs.getLong("shift_id"),
					rs.getObject("starts_at", OffsetDateTime.class), rs.getObject("ends_at", OffsetDateTime.class),
					rs.getString("place"), rs.getInt("position")))
			.list();
	}

	/** What the volunteer was told, newest first. */
	public List<ActivityNotice> notices(long volunteerId, int limit) {
		return jdbc.sql("""
				select n.id, n.activity_id, a.title, n.kind, n.detail, n.created_at, n.read_at is not null as read
				from activity_notice n join activity a on a.id = n.activity_id
				where n.volunteer_id = :v order by n.created_at desc, n.id desc limit :limit""").param("v", volunteerId)
			.param("limit", limit)
			.query((rs, i) -> new ActivityNotice(rs.getLong("id"), rs.getLong("activity_id"), rs.getString("title"),
					rs.getString("kind"), rs.getString("detail"), rs.getObject("created_at", OffsetDateTime.class),
					rs.getBoolean("read")))
			.list();
	}

	/** Marks the volunteer's notices read (they have seen their page). */
	@Transactional
	public void markNoticesRead(long volunteerId) {
		jdbc.sql("update activity_notice set read_at = now() where volunteer_id = :v and read_at is null")
			.param("v", volunteerId).update();
	}

	/** The pending sign-ups of a shift, for the roster page's count. */
	public int pendingCount(long shiftId) {
		return jdbc.sql("select count(*) from signup where shift_id = :s and status = 'PENDING'").param("s", shiftId)
			.query(Integer.class).single();
	}

	static List<Long> ids(List<Shift> shifts) {
		List<Long> ids = new ArrayList<>();
		shifts.forEach(s -> ids.add(s.id()));
		return ids;
	}
}
