package org.wenming.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.complaint.RecordFixtures;
import org.wenming.exchange.internal.RecordFile;
import org.wenming.ledger.RecordTransfer;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.AsyncAnswers;
import org.wenming.support.WenmingTest;
import org.wenming.training.Qualification;
import org.wenming.training.Trainings;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 22's "done means", end to end against the real database: a volunteer moving from another city brings
 * 300 hours and a first-aid course (the other city's signed file, imported by the office), signs up for the
 * marathon's first-aid station, which refuses a volunteer without the course, receives a city commendation, has
 * one complaint dismissed, and exports the whole record: the hours by record, the course, the commendation, and
 * their own complaint as they see it, without the complainant.
 */
@WenmingTest
class VolunteerMovesCityTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Volunteers volunteers;

	@Autowired
	Trainings trainings;

	@Autowired
	RecordTransfer transfer;

	@Autowired
	JsonMapper json;

	@Test
	void aVolunteerFromAnotherCityBringsTheirRecordServesAndTakesItAllElsewhere() throws Exception {
		RecordFixtures fixtures = new RecordFixtures(jdbc, volunteers, regions);
		String tag = RecordFixtures.tag();
		RequestPostProcessor office = fixtures.users().staff(RecordFixtures.DUANZHOU, Roles.OFFICE_STAFF);
		RecordFixtures.Person mover = fixtures.volunteer(RecordFixtures.DUANZHOU);
		RecordFixtures.Person untrained = fixtures.volunteer(RecordFixtures.DUANZHOU);
		Volunteer v = volunteers.find(mover.volunteerId()).orElseThrow();

		// the other city's file: 40 days of 7.5 hours (300 hours) and a first-aid course with its certificate
		List<RecordFile.Record> records = new ArrayList<>();
		LocalDate first = LocalDate.now().minusDays(200);
		for (int i = 0; i < 40; i++) {
			records.add(ExchangeFiles.record("m" + tag + "-" + i, first.plusDays(i * 3L), 8, 16, "7.5"));
		}
		RecordFile.Course course = new RecordFile.Course("红十字救护员培训" + tag, "外市红十字会", new BigDecimal("16"),
				LocalDate.now().minusDays(60), "外市", true, "RC-" + tag, Qualification.FIRST_AID.name(), ExchangeFiles.OTHER_CITY,
				"course-" + tag);
		RecordFile.Volunteer moving = new RecordFile.Volunteer(ExchangeFiles.basic(v),
				new RecordFile.Service(new BigDecimal("300.0"), 40, BigDecimal.ZERO, records),
				new RecordFile.Training(List.of(course)), List.of(), List.of(), null);
		String file = new ExchangeFiles(json).file(ExchangeFiles.OTHER_CITY, RecordFile.FORMAT, ExchangeFiles.OTHER,
				List.of(moving), null);
		MvcResult imported = mvc.perform(post("/api/v1/exchange/imports").with(office).with(csrf())
			.param("store", "true").param("volunteerNumber", mover.volunteerNumber()).contentType("application/x-ndjson")
			.content(file.getBytes(StandardCharsets.UTF_8))).andReturn();
		assertThat(imported.getResponse().getStatus()).as(body(imported)).isEqualTo(201);
		RecordTransfer.Figures brought = transfer.figures(mover.volunteerId());
		assertThat(brought.externalHours()).isEqualByComparingTo("300.0");
		assertThat(brought.ownHours()).isEqualByComparingTo("0");
		assertThat(trainings.completedBy(mover.volunteerId())).singleElement()
			.satisfies(c -> assertThat(c.qualification()).isEqualTo(Qualification.FIRST_AID));

		// the marathon's first-aid station takes them, and refuses a volunteer without the course
		long station = firstAidStation(fixtures.team(RecordFixtures.DUANZHOU).teamId(), tag);
		MvcResult refused = AsyncAnswers.perform(mvc,
				post("/api/v1/shifts/" + station + "/signups").with(untrained.signedIn()).with(csrf()));
		assertThat(refused.getResponse().getStatus()).isEqualTo(409);
		MvcResult signedUp = AsyncAnswers.perform(mvc,
				post("/api/v1/shifts/" + station + "/signups").with(mover.signedIn()).with(csrf()));
		assertThat(signedUp.getResponse().getStatus()).as(body(signedUp)).isEqualTo(201);
		assertThat(body(signedUp)).contains("\"status\":\"CONFIRMED\"");

		// a city commendation, and a complaint from a resident, investigated and dismissed
		MvcResult commended = mvc.perform(multipart("/admin/commendations/new")
			.file(new MockMultipartFile("document", "", "application/pdf", new byte[0])).with(office).with(csrf())
			.param("volunteerNumber", mover.volunteerNumber()).param("teamId", "").param("title", "马拉松优秀志愿者" + tag)
			.param("issuer", "肇庆市文明办").param("level", "CITY").param("awardedOn", LocalDate.now().minusDays(1).toString()))
			.andReturn();
		assertThat(commended.getResponse().getStatus()).as(body(commended)).isEqualTo(302);
		String complaint = body(json(post("/api/v1/complaints"), office, """
				{"volunteerNumber": "%s", "complainantKind": "RESIDENT", "complainantName": "居民%s",
				 "summary": "补给点排队时态度生硬"}""".formatted(mover.volunteerNumber(), tag), 201));
		long complaintId = json.readTree(complaint).get("id").asLong();
		json(post("/api/v1/complaints/" + complaintId + "/steps"), office,
				"{\"action\": \"investigate\", \"reason\": \"查看现场记录\"}", 200);
		json(post("/api/v1/complaints/" + complaintId + "/steps"), office,
				"{\"action\": \"dismiss\", \"reason\": \"现场记录显示处置得当\"}", 200);

		// the whole record, exported by the volunteer to take elsewhere
		String[] lines = body(mvc.perform(get("/api/v1/me/record").with(mover.signedIn())).andReturn()).split("\n");
		JsonNode record = json.readTree(lines[1]).get("volunteer");
		assertThat(record.get("basic").get("volunteerNumber").asString()).isEqualTo(mover.volunteerNumber());
		assertThat(record.get("service").get("records")).hasSize(40);
		assertThat(new BigDecimal(record.get("service").get("totalHours").asString())).isEqualByComparingTo("300.0");
		assertThat(record.get("service").get("records").get(0).get("kind").asString()).isEqualTo("EXTERNAL");
		assertThat(record.get("training").get("courses").get(0).get("title").asString()).isEqualTo("红十字救护员培训" + tag);
		assertThat(record.get("commendations").get(0).get("title").asString()).isEqualTo("马拉松优秀志愿者" + tag);
		assertThat(record.get("commendations").get(0).get("level").asString()).isEqualTo("CITY");
		JsonNode own = record.get("complaints").get(0);
		assertThat(own.get("status").asString()).isEqualTo("DISMISSED");
		assertThat(own.get("decision").asString()).isEqualTo("现场记录显示处置得当");
		assertThat(String.join("\n", lines)).as("the complainant never reaches the volunteer").doesNotContain("居民" + tag)
			.doesNotContain("\"RESIDENT\"").doesNotContain("complainant");
		// the same in the CSV form, a row per section
		String csv = body(mvc.perform(get("/api/v1/me/record").param("format", "csv").with(mover.signedIn())).andReturn());
		assertThat(csv.lines().filter(l -> l.startsWith("service,"))).hasSize(40);
		assertThat(csv.lines().filter(l -> l.startsWith("training,"))).singleElement().asString()
			.contains("红十字救护员培训" + tag).contains("FIRST_AID");
		assertThat(csv.lines().filter(l -> l.startsWith("commendation,"))).singleElement().asString()
			.contains("马拉松优秀志愿者" + tag);
		assertThat(csv.lines().filter(l -> l.startsWith("complaint,"))).singleElement().asString()
			.contains("DISMISSED").contains("现场记录显示处置得当");
		assertThat(csv).doesNotContain("居民" + tag);
	}

	/** A shift five days ahead of a published activity of the team that requires first aid. */
	private long firstAidStation(long teamId, String tag) {
		String path = regions.find(RecordFixtures.DUANZHOU).orElseThrow().path();
		long activity = jdbc.sql("""
				insert into activity (title, type, organizer_team_id, address, region_code, region_path, status, created_by,
				    published_at)
				values (:title, 'SERVICE', :team, '端州区马拉松赛道', :region, :path, 'PUBLISHED', 'test', now()) returning id""")
			.param("title", "肇庆马拉松急救点" + tag).param("team", teamId).param("region", RecordFixtures.DUANZHOU)
			.param("path", path).query(Long.class).single();
		Instant start = Instant.now().plusSeconds(5 * 86_400L);
		return jdbc.sql("""
				insert into shift (activity_id, starts_at, ends_at, capacity, required_qualifications)
				values (:activity, :start, :end, 20, '{FIRST_AID}') returning id""").param("activity", activity)
			.param("start", Timestamp.from(start)).param("end", Timestamp.from(start.plusSeconds(4 * 3600)))
			.query(Long.class).single();
	}

	private MvcResult json(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			RequestPostProcessor who, String body, int status) throws Exception {
		MvcResult result = mvc.perform(request.with(who).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(body)).andReturn();
		assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(status);
		return result;
	}

	private static String body(MvcResult result) throws Exception {
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}
}
