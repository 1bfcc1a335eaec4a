package org.wenming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.activity.checkin.ScanCodes;
import org.wenming.ledger.ServiceLedger;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;

/**
 * Issue 4's "done means", through the HTTP API as the people involved meet it: a station publishes
 * an activity, a volunteer finds it and signs up, scans the rotating code to check in and out, the
 * organizer confirms, the ledger credits the hours (through the event, not a call), the volunteer
 * sees them, downloads a certificate and anyone can verify it; the chain is still whole.
 */
@WenmingTest
class VolunteerJourneyTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Volunteers volunteers;

	@Autowired
	ServiceLedger ledger;

	@Autowired
	ApplicationContext context;

	@Test
	void findSignUpCheckInAndOutConfirmSeeHoursDownloadAndVerifyACertificate() throws Exception {
		TestUsers users = new TestUsers(regions);
		RequestPostProcessor office = users.staff("4412", Roles.OFFICE_STAFF);
		String username = "journey-" + UUID.randomUUID().toString().substring(0, 8);
		Volunteer volunteer = volunteers.registerSelf(TestVolunteers.draft(TestVolunteers.name(),
				TestVolunteers.residentId("441202"), TestVolunteers.mobile(), "441202001002"), username,
				"Journey-2026-pw");
		RequestPostProcessor me = users.volunteer(volunteer.userId(), username, "441202");
		long station = jdbc.sql("select id from practice_site where region_code = '441202001002' and kind = 'STATION'")
			.query(Long.class).single();

		// the city office publishes a two-hour shift at a village station, starting in an hour
		LocalDateTime start = LocalDateTime.now(CityTime.ZONE).plusHours(1).truncatedTo(ChronoUnit.MINUTES);
		String title = "旅程测试·文明交通劝导" + UUID.randomUUID().toString().substring(0, 6);
		String created = body(post("/api/v1/admin/activities").with(csrf()).with(office)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\":\"" + title + "\",\"type\":\"SERVICE\",\"organizerSiteId\":" + station
					+ ",\"siteId\":" + station + ",\"regionCode\":\"441202001002\",\"shifts\":[{\"startsAt\":\""
					+ start + "\",\"endsAt\":\"" + start.plusHours(2) + "\",\"capacity\":20}]}"), 201);
		long activity = ((Number) JsonPath.read(created, "$.activity.id")).longValue();
		long shift = ((Number) JsonPath.read(created, "$.activity.shifts[0].id")).longValue();
		body(post("/api/v1/admin/activities/" + activity + "/publish").with(csrf()).with(office), 200);

		// the volunteer finds it in the public list and signs up
		assertThat(body(get("/api/v1/activities").param("region", "441202"), 200)).contains(title);
		String signup = body(post("/api/v1/shifts/" + shift + "/signups").with(csrf()).with(me), 201);
		assertThat((String) JsonPath.read(signup, "$.status")).isEqualTo("CONFIRMED");
		assertThat(body(get("/activities/" + activity), 200)).contains(title);

		// the shift takes place: moved to this morning, as the test cannot wait for the clock; the phone was
		// offline and sends its queued scans afterwards, with the moments they happened and the codes shown then
		Duration back = Duration.ofHours(4);
		jdbc.sql("update shift set starts_at = starts_at - :back::interval, ends_at = ends_at - :back::interval where id = :id")
			.param("back", back.toHours() + " hours").param("id", shift).update();
		jdbc.sql("update activity set starts_at = starts_at - :back::interval, ends_at = ends_at - :back::interval where id = :id")
			.param("back", back.toHours() + " hours").param("id", activity).update();
		Instant shiftStart = start.atZone(CityTime.ZONE).toInstant().minus(back);
		Instant arrived = shiftStart.minus(Duration.ofMinutes(5));
		Instant left = shiftStart.plus(Duration.ofMinutes(125));
		String key = UUID.randomUUID().toString();
		String checkIn = "{\"token\":\"" + ScanCodes.shownAt(context, shift, arrived) + "\",\"action\":\"IN\","
				+ "\"occurredAt\":\"" + arrived + "\"}";
		String first = body(scan(key, checkIn).with(me), 200);
		// a retry after a lost reply records nothing new and gets the same answer
		assertThat(body(scan(key, checkIn).with(me), 200)).isEqualTo(first);
		body(scan(UUID.randomUUID().toString(), "{\"token\":\"" + ScanCodes.shownAt(context, shift, left)
				+ "\",\"action\":\"OUT\",\"occurredAt\":\"" + left + "\"}").with(me), 200);
		assertThat(jdbc.sql("select count(*) from attendance where shift_id = :s").param("s", shift)
			.query(Long.class).single()).isEqualTo(1L);

		// the organizer confirms; the ledger credits from the event, after the confirmation commits
		body(post("/api/v1/checkin/shifts/" + shift + "/confirmation").with(csrf()).with(office), 201);
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (recordsOf(volunteer) == 0 && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(recordsOf(volunteer)).isEqualTo(1L);

		// present the whole shift (clipped to it): 2 hours, in 0.5 h steps; no star yet (the first is at 100 h)
		String hours = body(get("/api/v1/me/hours").with(me), 200);
		assertThat(JsonPath.read(hours, "$.hours").toString()).isEqualTo("2.0");
		assertThat((Integer) JsonPath.read(hours, "$.stars")).isZero();
		assertThat(JsonPath.read(hours, "$.toNextStar").toString()).isEqualTo("98.0");
		assertThat(body(get("/me/hours").with(me), 200)).contains(title);

		// a certificate, and its public verification against the ledger
		MvcResult issued = mvc.perform(post("/me/certificates").with(csrf()).with(me)).andReturn();
		String pdfUrl = issued.getResponse().getRedirectedUrl();
		assertThat(pdfUrl).startsWith("/me/certificates/").endsWith(".pdf");
		MvcResult pdf = mvc.perform(get(pdfUrl).with(me)).andReturn();
		assertThat(pdf.getResponse().getContentType()).isEqualTo("application/pdf");
		assertThat(pdf.getResponse().getContentAsByteArray()).startsWith("%PDF".getBytes());
		String number = pdfUrl.substring("/me/certificates/".length(), pdfUrl.length() - ".pdf".length());
		String verdict = body(get("/api/v1/certificates/" + number), 200);
		assertThat((Boolean) JsonPath.read(verdict, "$.matchesLedger")).isTrue();
		assertThat(verdict).contains("\"totalHours\":\"2.0\"").doesNotContain(volunteer.realName());

		assertThat(ledger.verify(n -> {
		}).intact()).isTrue();
	}

	long recordsOf(Volunteer volunteer) {
		return jdbc.sql("select count(*) from service_record where volunteer_id = :v").param("v", volunteer.id())
			.query(Long.class).single();
	}

	MockHttpServletRequestBuilder scan(String key, String json) {
		return post("/api/v1/checkins").with(csrf()).header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON).content(json);
	}

	String body(MockHttpServletRequestBuilder request, int status) throws Exception {
		MvcResult result = org.wenming.support.AsyncAnswers.perform(mvc, request);
		String body = result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(result.getResponse().getStatus()).as(body).isEqualTo(status);
		return body;
	}
}
