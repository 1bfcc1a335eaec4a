package org.wenming.activity.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.wenming.region.Regions;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteers;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The scan API: check-in and check-out by QR token, its refusals, the offline queue and idempotency. */
@WenmingTest
class CheckinApiTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Volunteers volunteers;

	@Autowired
	Regions regions;

	@Autowired
	CheckinTokens tokens;

	@Autowired
	Checkins checkins;

	@Autowired
	MeterRegistry meters;

	CheckinFixtures fixtures;

	CheckinFixtures.Organizer organizer;

	CheckinFixtures.Person volunteer;

	Instant now;

	@BeforeEach
	void aShiftUnderWayWithAConfirmedVolunteer() {
		fixtures = new CheckinFixtures(jdbc, volunteers, regions);
		organizer = fixtures.team();
		volunteer = fixtures.volunteer();
		now = Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	long shiftUnderWay() {
		long shift = fixtures.shift(organizer, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)));
		fixtures.confirmedSignUp(shift, volunteer.volunteerId());
		return shift;
	}

	String currentToken(long shift) {
		return tokens.issue(shift, tokens.slot(Instant.now()));
	}

	MvcResult scan(String key, Map<String, Object> body) throws Exception {
		return mvc.perform(post("/api/v1/checkins").with(volunteer.signedIn()).with(csrf())
				.header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(body))).andReturn();
	}

	static String key() {
		return UUID.randomUUID().toString();
	}

	static JsonNode json(MvcResult result) throws Exception {
		return JSON.readTree(result.getResponse().getContentAsString());
	}

	@Test
	void aVolunteerChecksInAndOutWithTheCurrentCode() throws Exception {
		long shift = shiftUnderWay();
		MvcResult in = scan(key(), Map.of("token", currentToken(shift), "action", "IN"));
		assertThat(in.getResponse().getStatus()).isEqualTo(200);
		assertThat(json(in).get("outcome").asString()).isEqualTo("CHECKED_IN");
		MvcResult out = scan(key(), Map.of("token", currentToken(shift), "action", "OUT"));
		assertThat(out.getResponse().getStatus()).isEqualTo(200);
		assertThat(json(out).get("outcome").asString()).isEqualTo("CHECKED_OUT");
		Map<String, Object> row = jdbc.sql("select * from attendance where shift_id = :s").param("s", shift).query()
				.singleRow();
		assertThat(row.get("volunteer_id")).isEqualTo(volunteer.volunteerId());
		assertThat(row.get("check_in_method")).isEqualTo("QR");
		assertThat(row.get("check_out_method")).isEqualTo("QR");
		assertThat(row.get("check_in_by")).isEqualTo(volunteer.username());
		assertThat(fixtures.requests(volunteer.volunteerId())).isEqualTo(2);
	}

	@Test
	void aRetryWithTheSameKeyGetsTheSameAnswerAndRecordsNothingNew() throws Exception {
		long shift = shiftUnderWay();
		String key = key();
		Map<String, Object> body = Map.of("token", currentToken(shift), "action", "IN");
		String first = scan(key, body).getResponse().getContentAsString();
		String second = scan(key, body).getResponse().getContentAsString();
		assertThat(second).isEqualTo(first).contains("CHECKED_IN");
		assertThat(fixtures.attendances(volunteer.volunteerId())).isEqualTo(1);
		assertThat(fixtures.requests(volunteer.volunteerId())).isEqualTo(1);
		// the same key for another action is a client bug, not a retry
		MvcResult reused = scan(key, Map.of("token", currentToken(shift), "action", "OUT"));
		assertThat(reused.getResponse().getStatus()).isEqualTo(422);
		assertThat(json(reused).get("reason").asString()).isEqualTo("KEY_REUSED");
		assertThat(jdbc.sql("select checked_out_at from attendance where shift_id = :s").param("s", shift)
				.query(OffsetDateTime.class).optional()).isEmpty();
	}

	@Test
	void oneHundredConcurrentRetriesRecordOneCheckInAndGetOneAnswer() throws Exception {
		long shift = shiftUnderWay();
		String key = key();
		String token = currentToken(shift);
		CountDownLatch start = new CountDownLatch(1);
		List<Callable<CheckAnswer>> retries = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			retries.add(() -> {
				start.await();
				return checkins.scan(volunteer.principal(), key, token, "IN", null, null, null);
			});
		}
		ExecutorService pool = Executors.newFixedThreadPool(100);
		List<CheckAnswer> answers = new ArrayList<>();
		try {
			List<Future<CheckAnswer>> futures = new ArrayList<>();
			retries.forEach(r -> futures.add(pool.submit(r)));
			start.countDown();
			for (Future<CheckAnswer> f : futures) {
				answers.add(f.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(answers).hasSize(100);
		assertThat(answers).allMatch(a -> a.equals(answers.get(0)));
		assertThat(answers.get(0).outcome()).isEqualTo("CHECKED_IN");
		assertThat(fixtures.attendances(volunteer.volunteerId())).isEqualTo(1);
		assertThat(fixtures.requests(volunteer.volunteerId())).isEqualTo(1);
	}

	void refused(MvcResult result, int status, CheckRefusal reason) throws Exception {
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
		assertThat(json(result).get("reason").asString()).isEqualTo(reason.name());
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
	}

	void nothingRecorded() {
		assertThat(fixtures.attendances(volunteer.volunteerId())).isZero();
		assertThat(fixtures.requests(volunteer.volunteerId())).isZero();
	}

	@Test
	void aForgedCodeIsRefused() throws Exception {
		long shift = shiftUnderWay();
		String genuine = currentToken(shift);
		String forged = genuine.substring(0, genuine.length() - 4) + (genuine.endsWith("AAAA") ? "BBBB" : "AAAA");
		refused(scan(key(), Map.of("token", forged, "action", "IN")), 422, CheckRefusal.TOKEN_FORGED);
		// a genuine signature moved onto another shift
		String moved = (shift + 1) + genuine.substring(genuine.indexOf('.'));
		refused(scan(key(), Map.of("token", moved, "action", "IN")), 422, CheckRefusal.TOKEN_FORGED);
		nothingRecorded();
	}

	@Test
	void aPhotoOfTheCodeIsUselessAPeriodLater() throws Exception {
		long shift = shiftUnderWay();
		long slot = tokens.slot(Instant.now());
		// the previous period's code is still accepted (a scan at the turn of the period)...
		assertThat(tokens.fresh(slot - 1, Instant.now())).isTrue();
		// ...the one before is not
		refused(scan(key(), Map.of("token", tokens.issue(shift, slot - 2), "action", "IN")), 422,
				CheckRefusal.TOKEN_EXPIRED);
		// nor a code of a later period
		refused(scan(key(), Map.of("token", tokens.issue(shift, slot + 2), "action", "IN")), 422,
				CheckRefusal.TOKEN_EXPIRED);
		nothingRecorded();
	}

	@Test
	void aCodeOnlyWorksForItsShift() throws Exception {
		shiftUnderWay();
		long other = fixtures.shift(organizer, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)));
		refused(scan(key(), Map.of("token", currentToken(other), "action", "IN")), 422, CheckRefusal.NOT_SIGNED_UP);
		nothingRecorded();
	}

	@Test
	void checkOutWithoutCheckInIsRefused() throws Exception {
		long shift = shiftUnderWay();
		refused(scan(key(), Map.of("token", currentToken(shift), "action", "OUT")), 409, CheckRefusal.NOT_CHECKED_IN);
		nothingRecorded();
	}

	@Test
	void checkInTwiceIsRefused() throws Exception {
		long shift = shiftUnderWay();
		assertThat(scan(key(), Map.of("token", currentToken(shift), "action", "IN")).getResponse().getStatus())
				.isEqualTo(200);
		refused(scan(key(), Map.of("token", currentToken(shift), "action", "IN")), 409,
				CheckRefusal.ALREADY_CHECKED_IN);
		assertThat(fixtures.requests(volunteer.volunteerId())).isEqualTo(1);
	}

	@Test
	void checkInOpensThirtyMinutesBeforeTheStart() throws Exception {
		long early = fixtures.shift(organizer, now.plus(Duration.ofMinutes(45)), now.plus(Duration.ofHours(3)));
		fixtures.confirmedSignUp(early, volunteer.volunteerId());
		refused(scan(key(), Map.of("token", currentToken(early), "action", "IN")), 422, CheckRefusal.TOO_EARLY);
		nothingRecorded();
		long soon = fixtures.shift(organizer, now.plus(Duration.ofMinutes(20)), now.plus(Duration.ofHours(3)));
		fixtures.confirmedSignUp(soon, volunteer.volunteerId());
		assertThat(scan(key(), Map.of("token", currentToken(soon), "action", "IN")).getResponse().getStatus())
				.isEqualTo(200);
	}

	@Test
	void aShiftThatEndedAWeekAgoIsRefused() throws Exception {
		Instant weekAgo = now.minus(Duration.ofDays(7));
		long shift = fixtures.shift(organizer, weekAgo.minus(Duration.ofHours(1)), weekAgo.plus(Duration.ofHours(1)));
		fixtures.confirmedSignUp(shift, volunteer.volunteerId());
		// a code shown then, sent as a queued scan of then: too old for the offline window
		refused(scan(key(), Map.of("token", tokens.issue(shift, tokens.slot(weekAgo)), "action", "IN", "occurredAt",
				weekAgo.toString())), 422, CheckRefusal.OCCURRED_TOO_LONG_AGO);
		// a code of now (somebody still shows it): the shift is over
		refused(scan(key(), Map.of("token", currentToken(shift), "action", "IN")), 422, CheckRefusal.SHIFT_ENDED);
		nothingRecorded();
	}

	@Test
	void aQueuedScanIsCheckedAgainstWhenItHappened() throws Exception {
		long shift = shiftUnderWay();
		Instant then = now.minus(Duration.ofMinutes(40));
		String tokenThen = tokens.issue(shift, tokens.slot(then));
		// the code of 40 minutes ago, sent now as if scanned now: expired
		refused(scan(key(), Map.of("token", tokenThen, "action", "IN")), 422, CheckRefusal.TOKEN_EXPIRED);
		// sent as the phone's queued scan of 40 minutes ago: accepted, recorded at that time
		MvcResult queued = scan(key(), Map.of("token", tokenThen, "action", "IN", "occurredAt", then.toString()));
		assertThat(queued.getResponse().getStatus()).isEqualTo(200);
		assertThat(jdbc.sql("select checked_in_at from attendance where shift_id = :s").param("s", shift)
				.query(OffsetDateTime.class).single().toInstant()).isEqualTo(then.truncatedTo(ChronoUnit.MICROS));
		// a phone clock far ahead is not believed
		refused(scan(key(), Map.of("token", currentToken(shift), "action", "OUT", "occurredAt",
				now.plus(Duration.ofMinutes(30)).toString())), 422, CheckRefusal.OCCURRED_IN_FUTURE);
	}

	@Test
	void aGeofencedActivityNeedsAPositionInsideItsRadius() throws Exception {
		// 200 m around a point in 端州区
		long activity = fixtures.activity(organizer.teamId(), 200, 23.047, 112.465);
		long shift = fixtures.shift(activity, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)));
		fixtures.confirmedSignUp(shift, volunteer.volunteerId());
		refused(scan(key(), Map.of("token", currentToken(shift), "action", "IN")), 422, CheckRefusal.POSITION_REQUIRED);
		// about 1.1 km north
		refused(scan(key(), Map.of("token", currentToken(shift), "action", "IN", "latitude", 23.057, "longitude",
				112.465)), 422, CheckRefusal.OUTSIDE_GEOFENCE);
		nothingRecorded();
		// about 110 m north
		MvcResult inside = scan(key(), Map.of("token", currentToken(shift), "action", "IN", "latitude", 23.048,
				"longitude", 112.465));
		assertThat(inside.getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void aCancelledActivityAndSomeoneWithoutASignUpAreRefused() throws Exception {
		long shift = shiftUnderWay();
		CheckinFixtures.Person stranger = fixtures.volunteer();
		MvcResult result = mvc.perform(post("/api/v1/checkins").with(stranger.signedIn()).with(csrf())
				.header("Idempotency-Key", key()).contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(Map.of("token", currentToken(shift), "action", "IN")))).andReturn();
		refused(result, 422, CheckRefusal.NOT_SIGNED_UP);
		jdbc.sql("update activity set status = 'CANCELLED', cancel_reason = '天气原因' where id = (select activity_id from shift where id = :s)")
				.param("s", shift).update();
		refused(scan(key(), Map.of("token", currentToken(shift), "action", "IN")), 422, CheckRefusal.ACTIVITY_NOT_OPEN);
		nothingRecorded();
		assertThat(fixtures.attendances(stranger.volunteerId())).isZero();
	}

	MvcResult scanAs(CheckinFixtures.Person person, long shift, String action) throws Exception {
		return mvc.perform(post("/api/v1/checkins").with(person.signedIn()).with(csrf())
				.header("Idempotency-Key", key()).contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(Map.of("token", currentToken(shift), "action", action)))).andReturn();
	}

	/** A change behind the server's back: {@code :s} is the shift, {@code :v} the volunteer. */
	void change(String sql, long shift) {
		jdbc.sql(sql).param("s", shift).param("v", volunteer.volunteerId()).update();
	}

	double scans(String path) {
		return meters.counter("wenming.checkin.scans", "path", path).count();
	}

	@Test
	void onceTheServerHasSeenTheShiftAScanIsRecordedByOneStatement() throws Exception {
		long shift = shiftUnderWay();
		CheckinFixtures.Person first = fixtures.volunteer();
		fixtures.confirmedSignUp(shift, first.volunteerId());
		double atOnce = scans("one-statement");
		double longWay = scans("long-way");
		assertThat(scanAs(first, shift, "IN").getResponse().getStatus()).isEqualTo(200);
		assertThat(scans("long-way")).isEqualTo(longWay + 1);
		String key = key();
		Map<String, Object> body = Map.of("token", currentToken(shift), "action", "IN");
		String answer = scan(key, body).getResponse().getContentAsString();
		assertThat(answer).contains("CHECKED_IN");
		assertThat(scans("one-statement")).isEqualTo(atOnce + 1);
		// the retry is answered the long way, with the same answer
		assertThat(scan(key, body).getResponse().getContentAsString()).isEqualTo(answer);
		assertThat(scans("long-way")).isEqualTo(longWay + 2);
		assertThat(scanAs(first, shift, "OUT").getResponse().getStatus()).isEqualTo(200);
		assertThat(scans("one-statement")).isEqualTo(atOnce + 2);
		assertThat(fixtures.requests(volunteer.volunteerId())).isEqualTo(1);
		assertThat(fixtures.requests(first.volunteerId())).isEqualTo(2);
	}

	// After a shift's first scan the server judges the next ones on the shift as it saw it, and
	// writes only if the shift is still so (Checkins.writtenAtOnce). Before each change a scan by
	// someone without a sign-up makes the server see the shift as it is (any scan it refuses reads
	// it anew), so each change meets a server that would accept the scan on what it saw.
	@Test
	void scansAfterTheShiftOrTheSignUpChangedAreJudgedOnHowTheyAreNow() throws Exception {
		long shift = shiftUnderWay();
		CheckinFixtures.Person first = fixtures.volunteer();
		fixtures.confirmedSignUp(shift, first.volunteerId());
		CheckinFixtures.Person stranger = fixtures.volunteer();
		assertThat(scanAs(first, shift, "IN").getResponse().getStatus()).isEqualTo(200);

		refused(scanAs(stranger, shift, "IN"), 422, CheckRefusal.NOT_SIGNED_UP);
		change("update shift set starts_at = now() + interval '2 hours', ends_at = now() + interval '4 hours' where id = :s",
				shift);
		refused(scan(key(), Map.of("token", currentToken(shift), "action", "IN")), 422, CheckRefusal.TOO_EARLY);
		change("update shift set starts_at = now() - interval '1 hour', ends_at = now() + interval '2 hours' where id = :s",
				shift);

		refused(scanAs(stranger, shift, "IN"), 422, CheckRefusal.NOT_SIGNED_UP);
		change("""
				update activity set geofence_radius_m = 200, latitude = 23.047, longitude = 112.465
				where id = (select activity_id from shift where id = :s)""", shift);
		refused(scan(key(), Map.of("token", currentToken(shift), "action", "IN")), 422, CheckRefusal.POSITION_REQUIRED);
		change("update activity set geofence_radius_m = null where id = (select activity_id from shift where id = :s)",
				shift);

		refused(scanAs(stranger, shift, "IN"), 422, CheckRefusal.NOT_SIGNED_UP);
		change("update signup set status = 'CANCELLED' where shift_id = :s and volunteer_id = :v", shift);
		refused(scan(key(), Map.of("token", currentToken(shift), "action", "IN")), 422, CheckRefusal.NOT_SIGNED_UP);
		change("update signup set status = 'CONFIRMED' where shift_id = :s and volunteer_id = :v", shift);

		change("update volunteer set status = 'WITHDRAWN' where id = :v", shift);
		refused(scan(key(), Map.of("token", currentToken(shift), "action", "IN")), 403, CheckRefusal.NOT_A_VOLUNTEER);
		change("update volunteer set status = 'ACTIVE' where id = :v", shift);
		nothingRecorded();
		assertThat(scan(key(), Map.of("token", currentToken(shift), "action", "IN")).getResponse().getStatus())
				.isEqualTo(200);

		// check-out: the shift ended more than the grace ago by the time the first volunteer leaves
		refused(scanAs(stranger, shift, "IN"), 422, CheckRefusal.NOT_SIGNED_UP);
		change("update shift set starts_at = now() - interval '5 hours', ends_at = now() - interval '2 hours' where id = :s",
				shift);
		refused(scanAs(first, shift, "OUT"), 422, CheckRefusal.SHIFT_ENDED);
		change("update shift set starts_at = now() - interval '1 hour', ends_at = now() + interval '2 hours' where id = :s",
				shift);

		// the attendance confirmed meanwhile
		refused(scanAs(stranger, shift, "IN"), 422, CheckRefusal.NOT_SIGNED_UP);
		change("update shift set attendance_confirmed_at = now(), attendance_confirmed_by = 'test' where id = :s", shift);
		refused(scan(key(), Map.of("token", currentToken(shift), "action", "OUT")), 409, CheckRefusal.ALREADY_CONFIRMED);

		assertThat(jdbc.sql("select count(*) from attendance where shift_id = :s and checked_out_at is not null")
				.param("s", shift).query(Integer.class).single()).isZero();
		assertThat(fixtures.requests(first.volunteerId())).isEqualTo(1);
		assertThat(fixtures.requests(volunteer.volunteerId())).isEqualTo(1);
		assertThat(fixtures.attendances(stranger.volunteerId())).isZero();
	}

	@Test
	void forgottenCheckOutsAreClosedAtTheShiftEndAfterTheGrace() throws Exception {
		Instant end = now.plus(Duration.ofMinutes(50));
		long shift = fixtures.shift(organizer, now.minus(Duration.ofHours(1)), end);
		fixtures.confirmedSignUp(shift, volunteer.volunteerId());
		assertThat(scan(key(), Map.of("token", currentToken(shift), "action", "IN")).getResponse().getStatus())
				.isEqualTo(200);
		checkins.autoCheckOut(end.plus(Duration.ofMinutes(29)));
		assertThat(jdbc.sql("select checked_out_at from attendance where shift_id = :s").param("s", shift)
				.query(OffsetDateTime.class).optional()).isEmpty();
		checkins.autoCheckOut(end.plus(Duration.ofMinutes(31)));
		Map<String, Object> row = jdbc.sql("select * from attendance where shift_id = :s").param("s", shift).query()
				.singleRow();
		assertThat(((java.sql.Timestamp) row.get("checked_out_at")).toInstant())
				.isEqualTo(end.truncatedTo(ChronoUnit.MICROS));
		assertThat(row.get("auto_checked_out")).isEqualTo(true);
		assertThat(row.get("check_out_method")).isEqualTo("AUTO");
	}
}
