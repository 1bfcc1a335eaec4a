package org.wenming.assessment.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.assessment.round.Rounds;
import org.wenming.casework.CaseSource;
import org.wenming.casework.Cases;
import org.wenming.casework.NewCase;
import org.wenming.casework.photo.TestImages;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The inspector's phone by HTTP: observations, idempotency, refusals, closing, position, photos, concurrency, pages. */
@WenmingTest
class ObservationTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Observations observations;

	@Autowired
	Rounds rounds;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	InspectionPhotos photos;

	@Autowired
	Cases cases;

	ObservationFixtures fixtures;

	TestUsers users;

	ObservationFixtures.Framework fw;

	long round;

	long inspector;

	long partner;

	long other;

	long place;

	long market;

	long othersPlace;

	long notSampled;

	@BeforeEach
	void anOpenRoundWithTwoTeams() {
		fixtures = new ObservationFixtures(jdbc, regions);
		users = new TestUsers(regions);
		fw = fixtures.framework();
		round = fixtures.openRound(fw.id());
		inspector = ObservationFixtures.newUserId();
		partner = ObservationFixtures.newUserId();
		other = ObservationFixtures.newUserId();
		long team = fixtures.team(round, inspector, partner);
		long otherTeam = fixtures.team(round, other);
		place = fixtures.place("MAIN_ROAD", ObservationFixtures.LAT, ObservationFixtures.LON);
		market = fixtures.place("MARKET", ObservationFixtures.LAT, ObservationFixtures.LON);
		othersPlace = fixtures.place("MAIN_ROAD", ObservationFixtures.LAT, ObservationFixtures.LON);
		notSampled = fixtures.place("MAIN_ROAD", ObservationFixtures.LAT, ObservationFixtures.LON);
		fixtures.sample(round, place, "MAIN_ROAD", team);
		fixtures.sample(round, market, "MARKET", team);
		fixtures.sample(round, othersPlace, "MAIN_ROAD", otherTeam);
	}

	RequestPostProcessor as(long userId) {
		return users.person(userId, ObservationFixtures.CITY, Roles.INSPECTOR);
	}

	String url(long r, long p) {
		return "/api/v1/assessment/inspect/rounds/" + r + "/places/" + p;
	}

	MvcResult observe(long userId, long r, long p, String key, String body) throws Exception {
		var request = put(url(r, p) + "/observations").with(as(userId)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(body);
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		return mvc.perform(request).andReturn();
	}

	String threeEntries() {
		return """
				{"latitude": 23.05, "longitude": 112.46, "entries": [
				  {"criterionId": %d, "passed": false, "note": "路边有垃圾"},
				  {"criterionId": %d, "shortfalls": 1},
				  {"criterionId": %d, "counted": 4}]}""".formatted(fw.passFail(), fw.deduction(), fw.count());
	}

	static JsonNode json(MvcResult result) throws Exception {
		return JSON.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
	}

	static String key() {
		return UUID.randomUUID().toString();
	}

	BigDecimal[] score(long p) {
		return jdbc.sql("select marks, possible, observed, criteria from assessment_place_score where round_id = :r and place_id = :p")
				.param("r", round).param("p", p).query((rs, row) -> new BigDecimal[] { rs.getBigDecimal(1),
						rs.getBigDecimal(2), BigDecimal.valueOf(rs.getInt(3)), BigDecimal.valueOf(rs.getInt(4)) })
				.single();
	}

	// ---- a batch, its marks, the place score, and idempotency ------------------------------------

	@Test
	void aBatchIsStoredWithItsMarksAndThePlaceScoreAndARetryStoresNothingAgain() throws Exception {
		String key = key();
		MvcResult first = observe(inspector, round, place, key, threeEntries());
		assertThat(first.getResponse().getStatus()).as(first.getResponse().getContentAsString()).isEqualTo(200);
		JsonNode answer = json(first);
		// pass/fail failed: 0 of 2; one shortfall: 4 - 1 = 3; 4 counted of 5: 3 - 1 = 2
		assertThat(answer.get("marks").decimalValue()).isEqualByComparingTo("5");
		assertThat(answer.get("possible").decimalValue()).isEqualByComparingTo("9");
		assertThat(answer.get("observed").asInt()).isEqualTo(3);
		assertThat(answer.get("criteria").asInt()).isEqualTo(4);
		assertThat(answer.get("rate").decimalValue()).isEqualByComparingTo("55.6");
		assertThat(first.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("false");
		assertThat(jdbc.sql("select marks from assessment_observation where round_id = :r and place_id = :p order by criterion_id")
				.param("r", round).param("p", place).query(BigDecimal.class).list())
				.usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("0"), new BigDecimal("3"),
						new BigDecimal("2"));
		assertThat(score(place)).usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("5"),
				new BigDecimal("9"), new BigDecimal("3"), new BigDecimal("4"));
		assertThat(jdbc.sql("select note from assessment_observation where criterion_id = :c and place_id = :p")
				.param("c", fw.passFail()).param("p", place).query(String.class).single()).isEqualTo("路边有垃圾");

		MvcResult retry = observe(inspector, round, place, key, threeEntries());
		assertThat(retry.getResponse().getStatus()).isEqualTo(200);
		assertThat(retry.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
		assertThat(retry.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("true");
		assertThat(fixtures.observations(round, place)).isEqualTo(3);
		assertThat(fixtures.submissions(round, place)).isEqualTo(1);
		assertThat(jdbc.sql("select max(version) from assessment_observation where round_id = :r and place_id = :p")
				.param("r", round).param("p", place).query(Integer.class).single()).isEqualTo(1);

		MvcResult otherBody = observe(inspector, round, place, key, threeEntries().replace("\"counted\": 4", "\"counted\": 5"));
		assertThat(otherBody.getResponse().getStatus()).isEqualTo(422);
		assertThat(json(otherBody).get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
		assertThat(score(place)[0]).isEqualByComparingTo("5");

		// an edit is a new submission: the version goes up and the score follows
		MvcResult edit = observe(inspector, round, place, key(), """
				{"entries": [{"criterionId": %d, "counted": 5}]}""".formatted(fw.count()));
		assertThat(edit.getResponse().getStatus()).isEqualTo(200);
		assertThat(json(edit).get("entries").get(0).get("version").asInt()).isEqualTo(2);
		assertThat(score(place)[0]).isEqualByComparingTo("6");
		assertThat(fixtures.observations(round, place)).isEqualTo(3);
	}

	@Test
	void aSubmissionQueuedOfflineIsResentWithItsKeyAndKeepsTheTimeItWasObserved() throws Exception {
		OffsetDateTime observedAt = OffsetDateTime.now(CityTime.ZONE).minusHours(2).truncatedTo(ChronoUnit.SECONDS);
		String body = """
				{"observedAt": "%s", "entries": [{"criterionId": %d, "passed": true}]}""".formatted(observedAt,
				fw.second());
		String key = key();
		// the phone sent it, lost the answer, queued it, and sends it again twice when back online
		MvcResult first = observe(inspector, round, place, key, body);
		MvcResult resent = observe(inspector, round, place, key, body);
		MvcResult again = observe(inspector, round, place, key, body);
		assertThat(first.getResponse().getStatus()).isEqualTo(200);
		assertThat(resent.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
		assertThat(again.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
		assertThat(fixtures.observations(round, place)).isEqualTo(1);
		assertThat(fixtures.submissions(round, place)).isEqualTo(1);
		assertThat(jdbc.sql("select observed_at from assessment_observation where round_id = :r and place_id = :p")
				.param("r", round).param("p", place).query(OffsetDateTime.class).single().toInstant())
				.isEqualTo(observedAt.toInstant());
	}

	// ---- bad input: 4xx naming the field, nothing stored -------------------------------------------

	record Bad(String name, long userId, long r, long p, String key, String body, int status, String field) {
	}

	@Test
	void everyBadInputIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
		long pf = fw.passFail();
		long de = fw.deduction();
		long co = fw.count();
		long outsider = ObservationFixtures.newUserId();
		long closedRound = fixtures.round(fw.id(), "OPEN", LocalDate.now(CityTime.ZONE).minusDays(10),
				LocalDate.now(CityTime.ZONE).minusDays(5));
		long closedPlace = fixtures.place("MAIN_ROAD", null, null);
		fixtures.sample(closedRound, closedPlace, "MAIN_ROAD", fixtures.team(closedRound, inspector));
		fixtures.close(closedRound);
		long laterRound = fixtures.round(fw.id(), "OPEN", LocalDate.now(CityTime.ZONE).plusDays(1),
				LocalDate.now(CityTime.ZONE).plusDays(9));
		long laterPlace = fixtures.place("MAIN_ROAD", null, null);
		fixtures.sample(laterRound, laterPlace, "MAIN_ROAD", fixtures.team(laterRound, inspector));
		ObservationFixtures.Framework another = fixtures.framework();
		String ok = "{\"criterionId\": " + pf + ", \"passed\": true}";
		List<Bad> bad = List.of(
				new Bad("no key", inspector, round, place, null, "{\"entries\": [" + ok + "]}", 400, "Idempotency-Key"),
				new Bad("short key", inspector, round, place, "abc", "{\"entries\": [" + ok + "]}", 400, "Idempotency-Key"),
				new Bad("no entries", inspector, round, place, key(), "{\"entries\": []}", 400, "entries"),
				new Bad("entries missing", inspector, round, place, key(), "{}", 400, "entries"),
				new Bad("criterion of another framework", inspector, round, place, key(),
						"{\"entries\": [" + ok + ", {\"criterionId\": " + another.passFail() + ", \"passed\": true}]}", 400,
						"entries[1].criterionId"),
				new Bad("criterion of another place type", inspector, round, place, key(),
						"{\"entries\": [{\"criterionId\": " + fw.market() + ", \"passed\": true}]}", 400,
						"entries[0].criterionId"),
				new Bad("no criterion", inspector, round, place, key(), "{\"entries\": [{\"passed\": true}]}", 400,
						"entries[0].criterionId"),
				new Bad("same criterion twice", inspector, round, place, key(), "{\"entries\": [" + ok + ", " + ok + "]}",
						400, "entries[1].criterionId"),
				new Bad("shortfalls for pass/fail", inspector, round, place, key(),
						"{\"entries\": [{\"criterionId\": " + pf + ", \"shortfalls\": 1}]}", 400, "entries[0].shortfalls"),
				new Bad("pass/fail without passed", inspector, round, place, key(),
						"{\"entries\": [{\"criterionId\": " + pf + "}]}", 400, "entries[0].passed"),
				new Bad("deduction without shortfalls", inspector, round, place, key(),
						"{\"entries\": [{\"criterionId\": " + de + ", \"passed\": false}]}", 400, "entries[0].passed"),
				new Bad("shortfalls below zero", inspector, round, place, key(),
						"{\"entries\": [" + ok + ", {\"criterionId\": " + de + ", \"shortfalls\": -1}]}", 400,
						"entries[1].shortfalls"),
				new Bad("deduction beyond full marks", inspector, round, place, key(),
						"{\"entries\": [{\"criterionId\": " + de + ", \"shortfalls\": 5}]}", 400, "entries[0].shortfalls"),
				new Bad("count below zero", inspector, round, place, key(),
						"{\"entries\": [{\"criterionId\": " + co + ", \"counted\": -1}]}", 400, "entries[0].counted"),
				new Bad("count as text", inspector, round, place, key(),
						"{\"entries\": [{\"criterionId\": " + co + ", \"counted\": \"four\"}]}", 400, "entries[0].counted"),
				new Bad("count as a fraction", inspector, round, place, key(),
						"{\"entries\": [{\"criterionId\": " + co + ", \"counted\": 4.5}]}", 400, "entries[0].counted"),
				new Bad("a field the request has not", inspector, round, place, key(),
						"{\"entries\": [{\"criterionId\": " + de + ", \"deduction\": 9}]}", 400, "entries[0].deduction"),
				new Bad("note too long", inspector, round, place, key(),
						"{\"entries\": [{\"criterionId\": " + pf + ", \"passed\": true, \"note\": \"" + "很".repeat(501) + "\"}]}",
						400, "entries[0].note"),
				new Bad("latitude alone", inspector, round, place, key(), "{\"latitude\": 23.0, \"entries\": [" + ok + "]}",
						400, "longitude"),
				new Bad("latitude out of range", inspector, round, place, key(),
						"{\"latitude\": 91.0, \"longitude\": 112.0, \"entries\": [" + ok + "]}", 400, "latitude"),
				new Bad("observed in the future", inspector, round, place, key(),
						"{\"observedAt\": \"" + OffsetDateTime.now().plusHours(1) + "\", \"entries\": [" + ok + "]}", 400,
						"observedAt"),
				new Bad("observed before the round", inspector, round, place, key(),
						"{\"observedAt\": \"" + OffsetDateTime.now().minusDays(20) + "\", \"entries\": [" + ok + "]}", 400,
						"observedAt"),
				new Bad("not a time", inspector, round, place, key(), "{\"observedAt\": \"yesterday\", \"entries\": [" + ok + "]}",
						400, "observedAt"),
				new Bad("another team's place", inspector, round, othersPlace, key(), "{\"entries\": [" + ok + "]}", 403,
						"placeId"),
				new Bad("a round already closed", inspector, closedRound, closedPlace, key(),
						"{\"entries\": [" + ok + "]}", 409, "roundId"),
				new Bad("before the round's dates", inspector, laterRound, laterPlace, key(),
						"{\"entries\": [" + ok + "]}", 409, "roundId"));
		for (Bad b : bad) {
			MvcResult result = observe(b.userId(), b.r(), b.p(), b.key(), b.body());
			String text = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
			assertThat(result.getResponse().getStatus()).as(b.name() + ": " + text).isEqualTo(b.status());
			JsonNode errors = json(result).get("errors");
			assertThat(errors).as(b.name() + ": " + text).isNotNull();
			List<String> fields = new ArrayList<>();
			errors.forEach(e -> fields.add(e.get("field").asString()));
			assertThat(fields).as(b.name()).contains(b.field());
			assertThat(fixtures.observations(b.r(), b.p())).as(b.name()).isZero();
			assertThat(fixtures.submissions(b.r(), b.p())).as(b.name()).isZero();
		}
		// a place not in the round at all, or a round the person is no member of: 404, recorded in the audit
		long before = violations();
		assertThat(observe(inspector, round, notSampled, key(), "{\"entries\": [" + ok + "]}").getResponse().getStatus())
				.isEqualTo(404);
		assertThat(observe(outsider, round, place, key(), "{\"entries\": [" + ok + "]}").getResponse().getStatus())
				.isEqualTo(404);
		assertThat(violations()).isEqualTo(before + 2);
		assertThat(fixtures.observations(round, place)).isZero();
		// a volunteer or a staff member is no inspector
		assertThat(mvc.perform(put(url(round, place) + "/observations").with(users.staff(ObservationFixtures.CITY,
				Roles.OFFICE_STAFF)).with(csrf()).contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key())
				.content("{\"entries\": [" + ok + "]}")).andReturn().getResponse().getStatus()).isEqualTo(404);
	}

	long violations() {
		return jdbc.sql("select count(*) from security_event where type = 'OUT_OF_SCOPE' and detail like :d")
				.param("d", "assessment-place " + round + "/%").query(Long.class).single();
	}

	@Autowired
	SubmissionRetention retention;

	@Test
	void theKeysOfAnOpenRoundAreKeptAndThoseOfAClosedRoundGoAfterTheRetention() throws Exception {
		long closedRound = fixtures.round(fw.id(), "CLOSED", LocalDate.now(CityTime.ZONE).minusDays(200),
				LocalDate.now(CityTime.ZONE).minusDays(190));
		String open = key();
		String closed = key();
		String recent = key();
		for (Object[] row : new Object[][] { { open, round, 120 }, { closed, closedRound, 120 }, { recent, closedRound, 10 } }) {
			jdbc.sql("""
					insert into assessment_submission (idempotency_key, user_id, round_id, place_id, request_digest,
					    response, received_at)
					values (:k, :u, :r, :p, repeat('0', 64), '{}', now() - make_interval(days => :days))""")
					.param("k", row[0]).param("u", inspector).param("r", row[1]).param("p", place).param("days", row[2])
					.update();
		}
		retention.deleteBatch(java.time.Instant.now().minus(retention.retention()), 10_000);
		assertThat(jdbc.sql("select idempotency_key from assessment_submission where idempotency_key in (:keys)")
				.param("keys", List.of(open, closed, recent)).query(String.class).list()).containsExactlyInAnyOrder(open,
						recent);
	}

	// ---- closing a place ------------------------------------------------------------------------------

	@Test
	void aPlaceClosesOnlyWhenCompleteAndThenRefusesEditsUntilStaffReopenIt() throws Exception {
		assertThat(observe(inspector, round, place, key(), threeEntries()).getResponse().getStatus()).isEqualTo(200);
		MvcResult early = mvc.perform(post(url(round, place) + "/close").with(as(inspector)).with(csrf())).andReturn();
		assertThat(early.getResponse().getStatus()).isEqualTo(409);
		assertThat(json(early).get("errors").get(0).get("field").asString()).isEqualTo("entries");

		assertThat(observe(partner, round, place, key(), """
				{"entries": [{"criterionId": %d, "passed": true}]}""".formatted(fw.second())).getResponse().getStatus())
				.isEqualTo(200);
		MvcResult closed = mvc.perform(post(url(round, place) + "/close").with(as(inspector)).with(csrf())).andReturn();
		assertThat(closed.getResponse().getStatus()).isEqualTo(200);
		assertThat(json(closed).get("place").get("closedAt").isNull()).isFalse();

		String edit = "{\"entries\": [{\"criterionId\": " + fw.passFail() + ", \"passed\": true}]}";
		MvcResult refused = observe(partner, round, place, key(), edit);
		assertThat(refused.getResponse().getStatus()).isEqualTo(409);
		assertThat(json(refused).get("errors").get(0).get("field").asString()).isEqualTo("placeId");
		assertThat(jdbc.sql("select passed from assessment_observation where criterion_id = :c and place_id = :p")
				.param("c", fw.passFail()).param("p", place).query(Boolean.class).single()).isFalse();
		MvcResult photo = mvc.perform(multipart(url(round, place) + "/photos")
				.file(new MockMultipartFile("photo", "a.jpg", "image/jpeg", TestImages.jpeg(40, 30))).with(as(inspector))
				.with(csrf())).andReturn();
		assertThat(photo.getResponse().getStatus()).isEqualTo(409);
		assertThat(mvc.perform(post(url(round, place) + "/close").with(as(inspector)).with(csrf())).andReturn()
				.getResponse().getStatus()).isEqualTo(409);

		// an inspector cannot reopen; the city office can, and then the team may correct it
		assertThat(mvc.perform(post(url(round, place) + "/reopen").with(as(inspector)).with(csrf())).andReturn()
				.getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post(url(round, place) + "/reopen").with(users.staff(ObservationFixtures.CITY,
				Roles.OFFICE_STAFF)).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(200);
		assertThat(observe(partner, round, place, key(), edit).getResponse().getStatus()).isEqualTo(200);
		assertThat(score(place)[0]).isEqualByComparingTo("8");
	}

	// ---- position ----------------------------------------------------------------------------------------

	@Test
	void aPositionFarFromThePlaceIsFlaggedNotRefused() throws Exception {
		String far = """
				{"latitude": 23.060000, "longitude": 112.460000, "entries": [{"criterionId": %d, "passed": true}]}"""
				.formatted(fw.passFail());
		MvcResult result = observe(inspector, round, place, key(), far);
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(json(result).get("farFromPlace").asBoolean()).isTrue();
		// 0.01° of latitude is about 1,112 m
		assertThat(json(result).get("distanceM").asInt()).isBetween(1100, 1125);
		assertThat(jdbc.sql("select far_from_place from assessment_observation where place_id = :p").param("p", place)
				.query(Boolean.class).single()).isTrue();

		String near = """
				{"latitude": 23.050500, "longitude": 112.460000, "entries": [{"criterionId": %d, "passed": true}]}"""
				.formatted(fw.second());
		MvcResult close = observe(inspector, round, place, key(), near);
		assertThat(json(close).get("farFromPlace").asBoolean()).isFalse();
		assertThat(json(close).get("distanceM").asInt()).isBetween(50, 60);

		// without a position nothing is flagged, and the checklist shows staff the flag
		MvcResult none = observe(inspector, round, place, key(), """
				{"entries": [{"criterionId": %d, "counted": 5}]}""".formatted(fw.count()));
		assertThat(json(none).get("farFromPlace").asBoolean()).isFalse();
		JsonNode checklist = json(mvc.perform(get(url(round, place) + "/checklist").with(users.staff(
				ObservationFixtures.CITY, Roles.OFFICE_STAFF))).andReturn());
		assertThat(checklist.get("recorded").get(String.valueOf(fw.passFail())).get("farFromPlace").asBoolean()).isTrue();
		assertThat(checklist.get("writable").asBoolean()).isFalse();
	}

	// ---- photos ----------------------------------------------------------------------------------------

	@Test
	void aPhotoIsReencodedWithoutExifAndStoredAndOnlyThoseWhoMaySeeThePlaceGetIt() throws Exception {
		byte[] upload = TestImages.jpegWithExif(64, 48, 1, "camera owner's comment");
		MvcResult stored = mvc.perform(multipart(url(round, place) + "/photos")
				.file(new MockMultipartFile("photo", "x.jpg", "image/jpeg", upload))
				.param("criterionId", String.valueOf(fw.passFail())).with(as(inspector)).with(csrf())).andReturn();
		assertThat(stored.getResponse().getStatus()).as(stored.getResponse().getContentAsString()).isEqualTo(201);
		JsonNode photo = json(stored);
		String objectKey = photo.get("objectKey").asString();
		assertThat(objectKey).startsWith("assessment/r" + round + "/p" + place + "/");
		assertThat(photos.objectExists(objectKey)).isTrue();
		assertThat(jdbc.sql("select criterion_id from assessment_photo where id = :id").param("id", photo.get("id").asLong())
				.query(Long.class).single()).isEqualTo(fw.passFail());

		MvcResult read = mvc.perform(get(stored.getResponse().getHeader("Location")).with(as(partner))).andReturn();
		assertThat(read.getResponse().getStatus()).isEqualTo(200);
		assertThat(read.getResponse().getContentType()).isEqualTo("image/jpeg");
		byte[] bytes = read.getResponse().getContentAsByteArray();
		Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
		assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
		assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
		assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("camera owner");
		assertThat(mvc.perform(get(stored.getResponse().getHeader("Location")).with(as(other))).andReturn().getResponse()
				.getStatus()).isEqualTo(403);
		assertThat(mvc.perform(get(stored.getResponse().getHeader("Location")).with(as(ObservationFixtures.newUserId())))
				.andReturn().getResponse().getStatus()).isEqualTo(404);

		int rows = jdbc.sql("select count(*) from assessment_photo where place_id = :p").param("p", place)
				.query(Integer.class).single();
		MvcResult text = mvc.perform(multipart(url(round, place) + "/photos")
				.file(new MockMultipartFile("photo", "x.jpg", "image/jpeg", "<html>not an image</html>".getBytes()))
				.with(as(inspector)).with(csrf())).andReturn();
		assertThat(text.getResponse().getStatus()).isEqualTo(400);
		assertThat(json(text).get("errors").get(0).get("field").asString()).isEqualTo("photo");
		MvcResult wrongCriterion = mvc.perform(multipart(url(round, place) + "/photos")
				.file(new MockMultipartFile("photo", "x.jpg", "image/jpeg", TestImages.jpeg(40, 30)))
				.param("criterionId", String.valueOf(fw.market())).with(as(inspector)).with(csrf())).andReturn();
		assertThat(wrongCriterion.getResponse().getStatus()).isEqualTo(400);
		assertThat(json(wrongCriterion).get("errors").get(0).get("field").asString()).isEqualTo("criterionId");
		assertThat(jdbc.sql("select count(*) from assessment_photo where place_id = :p").param("p", place)
				.query(Integer.class).single()).isEqualTo(rows);
	}

	// ---- two phones of one team at once ------------------------------------------------------------------

	@Test
	void twoPhonesOfOneTeamSubmittingAtOnceLoseNoUpdateAndKeepThePlaceScoreRight() throws Exception {
		ScopedUser one = users.principal(inspector, ObservationFixtures.CITY, Roles.INSPECTOR);
		ScopedUser two = users.principal(partner, ObservationFixtures.CITY, Roles.INSPECTOR);
		int rounds = 12;
		ExecutorService pool = Executors.newFixedThreadPool(4);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < rounds; i++) {
			int n = i;
			futures.add(pool.submit(() -> {
				start.await();
				return observations.submit(one, round, place, key(), new Batch(List.of(
						new Batch.Entry("entries[0]", fw.deduction(), null, n % 5, null, null),
						new Batch.Entry("entries[1]", fw.passFail(), n % 2 == 0, null, null, null)), null, null, null));
			}));
			futures.add(pool.submit(() -> {
				start.await();
				return observations.submit(two, round, place, key(), new Batch(List.of(
						new Batch.Entry("entries[0]", fw.count(), null, null, n % 6, null),
						new Batch.Entry("entries[1]", fw.passFail(), n % 2 == 1, null, null, null)), null, null, null));
			}));
		}
		start.countDown();
		for (Future<?> f : futures) {
			f.get();
		}
		pool.shutdown();
		// every submission counted once: the shared criterion was written by all of them
		assertThat(jdbc.sql("select version from assessment_observation where place_id = :p and criterion_id = :c")
				.param("p", place).param("c", fw.passFail()).query(Integer.class).single()).isEqualTo(2 * rounds);
		assertThat(jdbc.sql("select version from assessment_observation where place_id = :p and criterion_id = :c")
				.param("p", place).param("c", fw.deduction()).query(Integer.class).single()).isEqualTo(rounds);
		assertThat(fixtures.submissions(round, place)).isEqualTo(2 * rounds);
		BigDecimal recount = jdbc.sql("select sum(marks) from assessment_observation where place_id = :p and round_id = :r")
				.param("p", place).param("r", round).query(BigDecimal.class).single();
		BigDecimal[] score = score(place);
		assertThat(score[0]).isEqualByComparingTo(recount);
		assertThat(score[1]).isEqualByComparingTo("9");
		assertThat(score[2]).isEqualByComparingTo("3");
	}

	@Test
	void aSubmissionSentAgainWhileItsFirstSendingIsStillWritingIsStoredOnce() throws Exception {
		ScopedUser one = users.principal(inspector, ObservationFixtures.CITY, Roles.INSPECTOR);
		String key = key();
		Batch batch = new Batch(List.of(new Batch.Entry("entries[0]", fw.deduction(), null, 1, null, null),
				new Batch.Entry("entries[1]", fw.passFail(), true, null, null, null)), null, null, null);
		int before = fixtures.submissions(round, place);
		int versionBefore = jdbc.sql("select coalesce(max(version), 0) from assessment_observation where place_id = :p and criterion_id = :c")
				.param("p", place).param("c", fw.passFail()).query(Integer.class).single();
		int sendings = 6;
		ExecutorService pool = Executors.newFixedThreadPool(sendings);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Observations.Answer>> answers = new ArrayList<>();
		for (int i = 0; i < sendings; i++) {
			answers.add(pool.submit(() -> {
				start.await();
				return observations.submit(one, round, place, key, batch);
			}));
		}
		start.countDown();
		Set<String> bodies = new HashSet<>();
		int replayed = 0;
		for (Future<Observations.Answer> f : answers) {
			Observations.Answer answer = f.get();
			bodies.add(answer.json());
			replayed += answer.replayed() ? 1 : 0;
		}
		pool.shutdown();
		// one answer for all, given first once and then replayed; one submission and one version more
		assertThat(bodies).hasSize(1);
		assertThat(replayed).isEqualTo(sendings - 1);
		assertThat(fixtures.submissions(round, place)).isEqualTo(before + 1);
		assertThat(jdbc.sql("select version from assessment_observation where place_id = :p and criterion_id = :c")
				.param("p", place).param("c", fw.passFail()).query(Integer.class).single())
				.isEqualTo(versionBefore + 1);
	}

	@Test
	void aSubmissionThatWaitedForItsPlaceWhileTheRoundClosedIsRefusedAndStoresNothing() throws Exception {
		ScopedUser one = users.principal(inspector, ObservationFixtures.CITY, Roles.INSPECTOR);
		ScopedUser office = users.staffPrincipal(ObservationFixtures.CITY, Roles.OFFICE_STAFF);
		Batch batch = new Batch(List.of(new Batch.Entry("entries[0]", fw.passFail(), false, null, null, null)), null,
				null, null);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			AtomicReference<Future<?>> closing = new AtomicReference<>();
			AtomicReference<Future<Observations.Answer>> submitting = new AtomicReference<>();
			transactions.executeWithoutResult(tx -> {
				// another submission at the place is still writing: it holds the place's sample row, and the
				// closing, then a new submission, queue behind it
				jdbc.sql("select 1 from assessment_sample where round_id = :r and place_id = :p for update")
					.param("r", round).param("p", place).query().listOfRows();
				closing.set(pool.submit(() -> rounds.close(round, office)));
				awaitLockWaiters(1);
				submitting.set(pool.submit(() -> observations.submit(one, round, place, key(), batch)));
				awaitLockWaiters(2);
			});
			closing.get().get(30, TimeUnit.SECONDS);
			assertThatThrownBy(() -> submitting.get().get(30, TimeUnit.SECONDS)).cause()
				.isInstanceOf(ObservationRefusedException.class)
				.satisfies(e -> assertThat(((ObservationRefusedException) e).status()).isEqualTo(409))
				.satisfies(e -> assertThat(((ObservationRefusedException) e).messageKey())
					.isEqualTo("assessment.observe.error.roundNotOpen"));
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(jdbc.sql("select count(*) from assessment_observation where round_id = :r").param("r", round)
			.query(Integer.class).single()).isZero();
		assertThat(fixtures.submissions(round, place)).isZero();
		// and the database itself refuses any change to a closed round's observations and scores
		assertThatThrownBy(() -> jdbc.sql("""
				insert into assessment_place_score (round_id, place_id, marks, possible, observed, criteria)
				values (:r, :p, 1, 1, 1, 1)""").param("r", round).param("p", place).update())
			.hasMessageContaining("round is closed");
	}

	/** Until this many sessions of the test database wait for a lock. */
	private void awaitLockWaiters(int count) {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (jdbc.sql("""
				select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'""")
			.query(Integer.class).single() < count) {
			if (System.nanoTime() > until) {
				throw new AssertionError("fewer than " + count + " sessions waiting for a lock");
			}
			Thread.onSpinWait();
		}
	}

	// ---- the pages ----------------------------------------------------------------------------------------

	@Test
	void theChecklistPageRendersInEachLanguageWithTheCasesOfEarlierRounds() throws Exception {
		long earlier = fixtures.round(fw.id(), "OPEN", LocalDate.now(CityTime.ZONE).minusDays(40),
				LocalDate.now(CityTime.ZONE).minusDays(35));
		fixtures.sample(earlier, place, "MAIN_ROAD", null);
		var handed = cases.report(new NewCase(CaseSource.PATROL, "BACK_ALLEY", "路面有垃圾（上轮测评交办）", "测试路1号",
				ObservationFixtures.LAT, ObservationFixtures.LON, ObservationFixtures.COUNTY, null, null, null, null),
				"inspector-test");
		fixtures.handover(earlier, place, fw.passFail(), handed.id(), handed.caseNumber());
		fixtures.close(earlier);
		observe(inspector, round, place, key(), threeEntries());
		String page = "/inspect/rounds/" + round + "/places/" + place;
		String zh = mvc.perform(get(page).with(as(inspector))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(zh).contains("路面无垃圾", "合格", "不合格", "回头看", handed.caseNumber(), "已上报", "路边有垃圾",
				"capture=\"environment\"", "/js/assessment-observe.js", "name=\"key\"");
		String tw = mvc.perform(get(page + "?lang=zh-TW").with(as(inspector))).andReturn().getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
		assertThat(tw).contains("回頭看", "保存記錄", "現場照片");
		String en = mvc.perform(get(page + "?lang=en").with(as(inspector))).andReturn().getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
		assertThat(en).contains("Look back", "Not met", "Shortfalls found", "Number counted", handed.caseNumber());

		JsonNode checklist = json(mvc.perform(get(url(round, place) + "/checklist").with(as(inspector))).andReturn());
		assertThat(checklist.get("lookBack").get(0).get("caseNumber").asString()).isEqualTo(handed.caseNumber());
		assertThat(checklist.get("lookBack").get(0).get("open").asBoolean()).isTrue();
		assertThat(checklist.get("items").size()).isEqualTo(2);
		assertThat(checklist.get("items").get(0).get("criteria").get(1).get("maxShortfalls").asInt()).isEqualTo(4);
		assertThat(checklist.get("recorded").size()).isEqualTo(3);

		String places = mvc.perform(get("/inspect/rounds/" + round).with(as(inspector))).andReturn().getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
		assertThat(places).contains("已记录 3 / 4 项", "未完成").doesNotContain(String.valueOf(othersPlace) + "\"");
		assertThat(mvc.perform(get("/inspect").with(as(inspector))).andReturn().getResponse()
				.getContentAsString(StandardCharsets.UTF_8)).contains("/inspect/rounds/" + round);
		JsonNode list = json(mvc.perform(get("/api/v1/assessment/inspect/rounds/" + round + "/places?latitude=23.06&longitude=112.46")
				.with(as(inspector))).andReturn());
		assertThat(list.size()).isEqualTo(2);
		assertThat(list.get(0).get("distanceM").asInt()).isBetween(1100, 1125);
	}

	@Test
	void theChecklistFormPostsWithoutJavaScriptAndARefusedFormSaysWhy() throws Exception {
		String page = "/inspect/rounds/" + round + "/places/" + place;
		MvcResult saved = mvc.perform(post(page).with(as(inspector)).with(csrf()).param("key", key())
				.param("v" + fw.passFail(), "pass").param("v" + fw.deduction(), "2").param("v" + fw.count(), "")
				.param("n" + fw.passFail(), "整洁")).andReturn();
		assertThat(saved.getResponse().getStatus()).isEqualTo(303);
		assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo(page + "?done=saved");
		assertThat(score(place)[0]).isEqualByComparingTo("4");
		assertThat(fixtures.observations(round, place)).isEqualTo(2);

		MvcResult refused = mvc.perform(post(page).with(as(inspector)).with(csrf()).param("key", key())
				.param("v" + fw.deduction(), "9")).andReturn();
		assertThat(refused.getResponse().getStatus()).isEqualTo(400);
		assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("扣分超过了这一项的满分",
				"id=\"e" + fw.deduction() + "\"", "value=\"9\"");
		assertThat(score(place)[0]).isEqualByComparingTo("4");

		String other = mvc.perform(get("/inspect/rounds/" + round + "/places/" + othersPlace).with(as(inspector)))
				.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(other).contains("这个点位分配给了其他测评组");
	}
}
