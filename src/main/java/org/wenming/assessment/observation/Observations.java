package org.wenming.assessment.observation;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.assessment.Scoring;
import org.wenming.assessment.ScoringRule;
import org.wenming.platform.EarthDistance;
import org.wenming.platform.InvalidInputException;
import org.wenming.shared.CityTime;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

import tools.jackson.databind.json.JsonMapper;

/**
 * Observations from inspectors' phones (现场测评). A submission is checked whole before anything is
 * written — who sends it, the round and its dates, the place not closed, each entry against its
 * criterion's rule — and then written in one transaction of a few statements: the observations upserted
 * (a version more each time), the place's score recounted from them, and the submission kept under its
 * idempotency key with the answer it got, so a retry or a queued offline submission answers the same and
 * stores nothing again.
 */
@Service
@EnableConfigurationProperties(ObservationProperties.class)
public class Observations {

	/** A phone's clock may run ahead of the server's by this much and its time still be believed. */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	static final int NOTE_MAX = 500;

	static final int COUNT_MAX = 100_000;

	/** SQLSTATE V41's and V44's triggers raise for a change to a closed round. */
	static final String CLOSED_STATE = "WM002";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final InspectorAssignments assignments;

	private final ObservationProperties properties;

	private final Clock clock;

	private final JsonMapper json;

	Observations(JdbcClient jdbc, TransactionTemplate transactions, InspectorAssignments assignments,
			ObservationProperties properties, Clock clock, JsonMapper json) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.assignments = assignments;
		this.properties = properties;
		this.clock = clock;
		this.json = json;
	}

	/** The answer to a submission, kept with its key and given again to a retry. */
	public record Submitted(long roundId, long placeId, int recorded, BigDecimal marks, BigDecimal possible,
			int observed, int criteria, BigDecimal rate, Integer distanceM, boolean farFromPlace,
			List<Recorded> entries) {
	}

	/** One stored entry: its marks and the observation's version after this submission. */
	public record Recorded(long criterionId, BigDecimal marks, BigDecimal fullMarks, int version) {
	}

	/** A submission's answer: the JSON kept with the key, and whether it was a replay of an earlier one. */
	public record Answer(String json, boolean replayed) {
	}

	/**
	 * Records a batch of observations at a place.
	 *
	 * @param key the phone's idempotency key (8–64 characters, checked by the caller)
	 * @return the answer as JSON; the first answer again when the key was used before with the same body
	 * @throws OutOfScopeException the place is not in a round this person works in (404, audited)
	 * @throws ObservationRefusedException another team's place (403), the round not open or outside its
	 *     dates, the place closed (409), the key used before for another body (422)
	 * @throws InvalidInputException an entry does not fit its criterion (named {@code entries[i].field})
	 */
	public Answer submit(ScopedUser user, long roundId, long placeId, String key, Batch batch) {
		String digest = digest(user.userId(), roundId, placeId, batch);
		try {
			return transactions.execute(tx -> {
				Optional<InspectorAssignments.Locked> locked = assignments.lockWithSubmission(user.userId(), roundId,
						placeId, key);
				Assignment place = member(user, locked.map(InspectorAssignments.Locked::place), roundId, placeId);
				Optional<InspectorAssignments.Earlier> earlier = locked.get().earlier();
				if (earlier.isPresent()) {
					return replay(user, earlier.get(), digest);
				}
				requireWritable(place);
				Instant now = clock.instant();
				Instant observedAt = observedAt(batch.observedAt(), place, now);
				List<Criterion> criteria = assignments.criteria(place);
				List<Checked> checked = check(batch.entries(), criteria);
				Integer distance = distance(place, batch.latitude(), batch.longitude());
				boolean far = distance != null && distance > properties.farAfter();
				Written written = write(user, place, checked, batch, distance, far, observedAt, now, criteria.size());
				Score score = written.score();
				Submitted answer = new Submitted(roundId, placeId, written.recorded().size(), score.marks(),
						score.possible(), score.observed(), score.criteria(), Scoring.rate(score.marks(), score.possible()),
						distance, far, written.recorded());
				String body = json.writeValueAsString(answer);
				jdbc.sql("""
						insert into assessment_submission (idempotency_key, user_id, round_id, place_id, request_digest,
						    response, received_at)
						values (:key, :user, :round, :place, :digest, :response, :now)""").param("key", key)
						.param("user", user.userId()).param("round", roundId).param("place", placeId)
						.param("digest", digest).param("response", body).param("now", Timestamp.from(now)).update();
				return new Answer(body, false);
			});
		}
		catch (DuplicateKeyException raced) {
			// the same key sent twice at the same moment (a retry behind its first sending, or to another
			// place): the one that committed answers both
			return transactions.execute(tx -> earlier(key).map(e -> replay(user, e, digest)))
					.orElseThrow(() -> new ObservationRefusedException(409, "Idempotency-Key", "assessment.observe.error.keyRaced"));
		}
		catch (DataAccessException ex) {
			if (closedByDatabase(ex)) {
				// the round closed while this submission waited for its place (V44's trigger)
				throw new ObservationRefusedException(409, "roundId", "assessment.observe.error.roundNotOpen");
			}
			throw ex;
		}
	}

	private static boolean closedByDatabase(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && CLOSED_STATE.equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	private Optional<InspectorAssignments.Earlier> earlier(String key) {
		return jdbc.sql("select user_id, request_digest, response from assessment_submission where idempotency_key = :key")
				.param("key", key)
				.query((rs, row) -> new InspectorAssignments.Earlier(rs.getLong("user_id"), rs.getString("request_digest"),
						rs.getString("response")))
				.optional();
	}

	/** The first answer again, when the key was used by the same person for the same body. */
	private static Answer replay(ScopedUser user, InspectorAssignments.Earlier earlier, String digest) {
		if (earlier.userId() != user.userId() || !digest.equals(earlier.digest())) {
			throw new ObservationRefusedException(422, "Idempotency-Key", "assessment.observe.error.keyReused");
		}
		return new Answer(earlier.response(), true);
	}

	/** Who may write at the place: a member of the team assigned to it. */
	Assignment member(ScopedUser user, Optional<Assignment> found, long roundId, long placeId) {
		Assignment place = found.filter(a -> a.inRound() && a.visible())
				.orElseThrow(() -> new OutOfScopeException("assessment-place", roundId + "/" + placeId));
		if (!user.hasRole(Roles.INSPECTOR) || !place.myTeam()) {
			throw new ObservationRefusedException(403, "placeId", "assessment.observe.error.notYourTeam");
		}
		return place;
	}

	/** The round open, today within its dates (city time), the place not closed. */
	void requireWritable(Assignment place) {
		if (!place.open()) {
			throw new ObservationRefusedException(409, "roundId", "assessment.observe.error.roundNotOpen");
		}
		LocalDate today = LocalDate.ofInstant(clock.instant(), CityTime.ZONE);
		if (today.isBefore(place.startsOn()) || today.isAfter(place.endsOn())) {
			throw new ObservationRefusedException(409, "roundId", "assessment.observe.error.outsideDates");
		}
		if (place.closed()) {
			throw new ObservationRefusedException(409, "placeId", "assessment.observe.error.placeClosed");
		}
	}

	private Instant observedAt(Instant given, Assignment place, Instant now) {
		if (given == null) {
			return now;
		}
		if (given.isAfter(now.plus(CLOCK_SKEW))) {
			throw new InvalidInputException("observedAt", "assessment.observe.error.observedInFuture");
		}
		if (given.isBefore(place.startsOn().atStartOfDay(CityTime.ZONE).toInstant())) {
			throw new InvalidInputException("observedAt", "assessment.observe.error.observedBeforeRound");
		}
		return given;
	}

	record Checked(Criterion criterion, Batch.Entry entry, BigDecimal marks) {
	}

	/** Every entry against its criterion; the first one wrong refuses the whole batch, naming it. */
	List<Checked> check(List<Batch.Entry> entries, List<Criterion> criteria) {
		if (entries == null || entries.isEmpty()) {
			throw new InvalidInputException("entries", "assessment.observe.error.noEntries");
		}
		if (entries.size() > properties.maxEntries()) {
			throw new InvalidInputException("entries", "assessment.observe.error.tooManyEntries");
		}
		Map<Long, Criterion> byId = new HashMap<>();
		criteria.forEach(c -> byId.put(c.id(), c));
		Set<Long> seen = new HashSet<>();
		List<Checked> checked = new ArrayList<>(entries.size());
		for (Batch.Entry entry : entries) {
			String f = entry.field() + ".";
			if (entry.criterionId() == null) {
				throw new InvalidInputException(f + "criterionId", "assessment.observe.error.criterionRequired");
			}
			Criterion criterion = byId.get(entry.criterionId());
			if (criterion == null) {
				throw new InvalidInputException(f + "criterionId", "assessment.observe.error.notThisChecklist");
			}
			if (!seen.add(criterion.id())) {
				throw new InvalidInputException(f + "criterionId", "assessment.observe.error.duplicate");
			}
			requireValue(f, criterion, entry);
			checked.add(new Checked(criterion, entry, Scoring.marks(criterion.scoringRule(),
					new Scoring.Recorded(entry.passed(), entry.shortfalls(), entry.counted()))));
		}
		return checked;
	}

	/** The one value the rule needs, in range, and nothing else. */
	private static void requireValue(String f, Criterion criterion, Batch.Entry entry) {
		ScoringRule rule = criterion.rule();
		if (rule != ScoringRule.PASS_FAIL && entry.passed() != null) {
			throw new InvalidInputException(f + "passed", "assessment.observe.error.notForRule." + rule);
		}
		if (rule != ScoringRule.DEDUCTION && entry.shortfalls() != null) {
			throw new InvalidInputException(f + "shortfalls", "assessment.observe.error.notForRule." + rule);
		}
		if (rule != ScoringRule.COUNT_TARGET && entry.counted() != null) {
			throw new InvalidInputException(f + "counted", "assessment.observe.error.notForRule." + rule);
		}
		switch (rule) {
			case PASS_FAIL -> {
				if (entry.passed() == null) {
					throw new InvalidInputException(f + "passed", "assessment.observe.error.passedRequired");
				}
			}
			case DEDUCTION -> {
				if (entry.shortfalls() == null) {
					throw new InvalidInputException(f + "shortfalls", "assessment.observe.error.shortfallsRequired");
				}
				if (entry.shortfalls() < 0) {
					throw new InvalidInputException(f + "shortfalls", "assessment.observe.error.belowZero");
				}
				if (entry.shortfalls() > criterion.maxShortfalls()) {
					throw new InvalidInputException(f + "shortfalls", "assessment.observe.error.beyondFullMarks");
				}
			}
			case COUNT_TARGET -> {
				if (entry.counted() == null) {
					throw new InvalidInputException(f + "counted", "assessment.observe.error.countRequired");
				}
				if (entry.counted() < 0) {
					throw new InvalidInputException(f + "counted", "assessment.observe.error.belowZero");
				}
				if (entry.counted() > COUNT_MAX) {
					throw new InvalidInputException(f + "counted", "assessment.observe.error.countTooLarge");
				}
			}
		}
		String note = entry.note();
		if (note != null) {
			if (note.codePointCount(0, note.length()) > NOTE_MAX) {
				throw new InvalidInputException(f + "note", "assessment.observe.error.noteTooLong");
			}
			if (note.codePoints().anyMatch(c -> c == '\uFFFD' || (Character.isISOControl(c) && c != '\n' && c != '\r'
					&& c != '\t') || Character.getType(c) == Character.SURROGATE)) {
				throw new InvalidInputException(f + "note", "assessment.observe.error.noteCharacters");
			}
		}
	}

	private static Integer distance(Assignment place, Double latitude, Double longitude) {
		if (latitude == null || longitude == null || place.latitude() == null || place.longitude() == null) {
			return null;
		}
		return (int) Math.round(EarthDistance.metres(latitude, longitude, place.latitude().doubleValue(),
				place.longitude().doubleValue()));
	}

	/** What one submission wrote: each entry's marks and version, and the place's score after it. */
	private record Written(List<Recorded> recorded, Score score) {
	}

	/**
	 * One statement for the whole batch: the entries travel as arrays and are upserted by criterion, and
	 * the place's score is recounted in the same statement, as the place's other observations (which the
	 * statement reads as they were before it) plus the ones it wrote. The sample row is locked, so no other
	 * submission changes the place's observations meanwhile.
	 */
	private Written write(ScopedUser user, Assignment place, List<Checked> checked, Batch batch, Integer distance,
			boolean far, Instant observedAt, Instant now, int criteriaOfType) {
		int n = checked.size();
		Long[] criterion = new Long[n];
		Boolean[] passed = new Boolean[n];
		Integer[] shortfalls = new Integer[n];
		Integer[] counted = new Integer[n];
		BigDecimal[] marks = new BigDecimal[n];
		BigDecimal[] full = new BigDecimal[n];
		String[] notes = new String[n];
		for (int i = 0; i < n; i++) {
			Checked c = checked.get(i);
			criterion[i] = c.criterion().id();
			passed[i] = c.entry().passed();
			shortfalls[i] = c.entry().shortfalls();
			counted[i] = c.entry().counted();
			marks[i] = c.marks();
			full[i] = c.criterion().fullMarks();
			String note = c.entry().note() == null ? null : c.entry().note().strip();
			notes[i] = note == null || note.isEmpty() ? null : note;
		}
		List<Recorded> recorded = new ArrayList<>(n);
		Score[] score = new Score[1];
		jdbc.sql("""
				with written as (
				    insert into assessment_observation (round_id, place_id, criterion_id, passed, shortfalls, counted, marks,
				        full_marks, note, latitude, longitude, distance_m, far_from_place, observed_by, observed_at,
				        updated_at, version)
				    select :round, :place, t.c, t.p, t.s, t.n, t.m, t.f, t.note, :lat, :lon, :distance, :far, :user,
				           :observedAt, :now, 1
				    from unnest(cast(:criteria as bigint[]), cast(:passed as boolean[]), cast(:shortfalls as int[]),
				                cast(:counted as int[]), cast(:marks as numeric[]), cast(:full as numeric[]),
				                cast(:notes as text[])) as t (c, p, s, n, m, f, note)
				    on conflict (round_id, place_id, criterion_id) do update set passed = excluded.passed,
				        shortfalls = excluded.shortfalls, counted = excluded.counted, marks = excluded.marks,
				        full_marks = excluded.full_marks, note = excluded.note, latitude = excluded.latitude,
				        longitude = excluded.longitude, distance_m = excluded.distance_m,
				        far_from_place = excluded.far_from_place, observed_by = excluded.observed_by,
				        observed_at = excluded.observed_at, updated_at = excluded.updated_at,
				        version = assessment_observation.version + 1
				    returning criterion_id, marks, full_marks, version),
				others as (
				    select coalesce(sum(marks), 0) as marks, coalesce(sum(full_marks), 0) as possible, count(*) as observed
				    from assessment_observation
				    where round_id = :round and place_id = :place and criterion_id <> all (cast(:criteria as bigint[]))),
				score as (
				    insert into assessment_place_score (round_id, place_id, marks, possible, observed, criteria)
				    select :round, :place, o.marks + w.marks, o.possible + w.possible, o.observed + w.observed, :criteriaOfType
				    from others o,
				         (select coalesce(sum(marks), 0) as marks, coalesce(sum(full_marks), 0) as possible, count(*) as observed
				          from written) w
				    on conflict (round_id, place_id) do update set marks = excluded.marks, possible = excluded.possible,
				        observed = excluded.observed, criteria = excluded.criteria
				    returning marks, possible, observed, criteria)
				select w.criterion_id, w.marks, w.full_marks, w.version, s.marks as score_marks, s.possible as score_possible,
				       s.observed as score_observed, s.criteria as score_criteria
				from written w cross join score s
				order by w.criterion_id""").param("round", place.roundId())
				.param("place", place.placeId()).param("criteria", criterion).param("passed", passed)
				.param("shortfalls", shortfalls).param("counted", counted).param("marks", marks).param("full", full)
				.param("notes", notes).param("lat", batch.latitude()).param("lon", batch.longitude())
				.param("distance", distance).param("far", far).param("user", user.userId())
				.param("observedAt", Timestamp.from(observedAt)).param("now", Timestamp.from(now))
				.param("criteriaOfType", criteriaOfType)
				.query(rs -> {
					recorded.add(new Recorded(rs.getLong("criterion_id"), rs.getBigDecimal("marks"),
							rs.getBigDecimal("full_marks"), rs.getInt("version")));
					score[0] = new Score(rs.getBigDecimal("score_marks"), rs.getBigDecimal("score_possible"),
							rs.getInt("score_observed"), rs.getInt("score_criteria"));
				});
		return new Written(List.copyOf(recorded), score[0]);
	}

	/**
	 * The place's score.
	 *
	 * @param marks marks obtained over the criteria observed so far
	 * @param possible full marks of the criteria observed so far (a place not visited has none, so it
	 *        counts in no score rate rather than as zero; closing a place needs every criterion observed)
	 * @param observed criteria observed
	 * @param criteria criteria of the place's type in the round's framework
	 */
	public record Score(BigDecimal marks, BigDecimal possible, int observed, int criteria) {
	}

	/**
	 * Closes a place: its checklist is done and no longer editable. Every criterion must be observed.
	 *
	 * @throws ObservationRefusedException as {@link #submit}, and 409 on {@code entries} while criteria are missing
	 */
	public void close(ScopedUser user, long roundId, long placeId) {
		transactions.executeWithoutResult(tx -> {
			Assignment place = member(user, assignments.lock(user.userId(), roundId, placeId), roundId, placeId);
			requireWritable(place);
			int missing = jdbc.sql("""
					select count(*) from assessment_criterion c
					where c.framework_id = :framework and c.place_type = :type
					  and not exists (select 1 from assessment_observation o
					                  where o.round_id = :round and o.place_id = :place and o.criterion_id = c.id)""")
					.param("framework", place.frameworkId()).param("type", place.placeType().name())
					.param("round", roundId).param("place", placeId).query(Integer.class).single();
			if (missing > 0) {
				throw new ObservationRefusedException(409, "entries", "assessment.observe.error.notComplete");
			}
			jdbc.sql("update assessment_sample set closed_by = :user, closed_at = :now where round_id = :round and place_id = :place")
					.param("user", user.userId()).param("now", Timestamp.from(clock.instant())).param("round", roundId)
					.param("place", placeId).update();
		});
	}

	/**
	 * Reopens a closed place so its team may correct it, while the round is open. Only the city office's
	 * staff whose scope covers the place (an inspector who closed too early asks them).
	 */
	public void reopen(ScopedUser user, long roundId, long placeId) {
		transactions.executeWithoutResult(tx -> {
			Assignment place = assignments.lock(user.userId(), roundId, placeId)
					.filter(a -> a.visible() && staffSees(user, a))
					.orElseThrow(() -> new OutOfScopeException("assessment-place", roundId + "/" + placeId));
			if (!place.open()) {
				throw new ObservationRefusedException(409, "roundId", "assessment.observe.error.roundNotOpen");
			}
			if (!place.closed()) {
				throw new ObservationRefusedException(409, "placeId", "assessment.observe.error.placeNotClosed");
			}
			jdbc.sql("update assessment_sample set closed_by = null, closed_at = null where round_id = :round and place_id = :place")
					.param("round", roundId).param("place", placeId).update();
		});
	}

	/** The city office's staff (or an administrator) whose data scope covers the place. */
	static boolean staffSees(ScopedUser user, Assignment place) {
		return (user.hasRole(Roles.OFFICE_STAFF) || user.hasRole(Roles.SYSTEM_ADMIN))
				&& user.scope().covers(place.placeRegionPath());
	}

	/**
	 * The place as a reader may see it: the assigned team's members, and staff whose scope covers it,
	 * once the round is open. Another team's member: 403; anyone else: 404 (audited).
	 */
	public Assignment readable(ScopedUser user, long roundId, long placeId) {
		Optional<Assignment> found = assignments.find(user.userId(), roundId, placeId).filter(Assignment::visible);
		if (found.isPresent() && (found.get().myTeam() || staffSees(user, found.get()))) {
			return found.get();
		}
		if (found.isPresent() && found.get().inRound()) {
			throw new ObservationRefusedException(403, "placeId", "assessment.observe.error.notYourTeam");
		}
		throw new OutOfScopeException("assessment-place", roundId + "/" + placeId);
	}

	ObservationProperties properties() {
		return properties;
	}

	/** The same body gives the same digest: the request's values in a fixed order, with who sent it where. */
	private String digest(long userId, long roundId, long placeId, Batch batch) {
		StringBuilder text = new StringBuilder().append(userId).append('|').append(roundId).append('|').append(placeId)
				.append('|').append(batch.latitude()).append('|').append(batch.longitude()).append('|')
				.append(batch.observedAt());
		if (batch.entries() != null) {
			for (Batch.Entry e : batch.entries()) {
				text.append("|[").append(e.criterionId()).append(',').append(e.passed()).append(',').append(e.shortfalls())
						.append(',').append(e.counted()).append(',').append(e.note() == null ? "" : json.writeValueAsString(e.note()))
						.append(']');
			}
		}
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
					.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
