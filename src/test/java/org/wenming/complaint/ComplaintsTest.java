package org.wenming.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.platform.RetentionJob;
import org.wenming.platform.RetentionJobs;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteers;

/**
 * Ratings and complaints against the real database: the complaint workflow (received → investigating → upheld
 * or dismissed, any other step 409 with its reason, bad input 400 naming the field), data scope on every
 * endpoint (another county's office 404 and nothing changed, other roles 403, anonymous refused), the volunteer
 * seeing their own complaints without the complainant and responding once, ratings only for an attended shift
 * and once (two organizers at once: one row), and the retention sweep deleting exactly the expired.
 */
@WenmingTest
class ComplaintsTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Volunteers volunteers;

	@Autowired
	ServiceRatings ratings;

	@Autowired
	RetentionJobs retentionJobs;

	@Autowired
	List<RetentionJob> jobs;

	RecordFixtures fixtures;

	RequestPostProcessor duanzhou;

	RequestPostProcessor dinghu;

	RequestPostProcessor city;

	String tag;

	@BeforeEach
	void setUp() {
		fixtures = new RecordFixtures(jdbc, volunteers, regions);
		duanzhou = fixtures.users().staff(RecordFixtures.DUANZHOU, Roles.OFFICE_STAFF);
		dinghu = fixtures.users().staff(RecordFixtures.DINGHU, Roles.OFFICE_STAFF);
		city = fixtures.users().staff("4412", Roles.OFFICE_STAFF);
		tag = RecordFixtures.tag();
	}

	MvcResult postJson(String path, RequestPostProcessor who, String body, int status) throws Exception {
		MvcResult result = mvc.perform(post(path).with(who).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(body)).andReturn();
		assertThat(result.getResponse().getStatus()).as(path + " " + body + ": " + result.getResponse()
			.getContentAsString()).isEqualTo(status);
		return result;
	}

	String getJson(String path, RequestPostProcessor who, int status) throws Exception {
		MvcResult result = mvc.perform(get(path).with(who).accept(MediaType.APPLICATION_JSON)).andReturn();
		assertThat(result.getResponse().getStatus()).as(path).isEqualTo(status);
		return result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
	}

	long receive(RecordFixtures.Person volunteer, String complainant) throws Exception {
		String body = postJson("/api/v1/complaints", duanzhou, """
				{"volunteerNumber": "%s", "complainantKind": "RESIDENT", "complainantName": "%s",
				 "summary": "服务时态度生硬%s"}""".formatted(volunteer.volunteerNumber(), complainant, tag), 201)
			.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(body);
		assertThat(m.find()).as(body).isTrue();
		return Long.parseLong(m.group(1));
	}

	String status(long id) {
		return jdbc.sql("select status from complaint where id = :id").param("id", id).query(String.class).single();
	}

	long steps(long id) {
		return fixtures.count("complaint_step where complaint_id = " + id);
	}

	@Test
	void aComplaintGoesReceivedInvestigatedDecidedAndNothingElse() throws Exception {
		RecordFixtures.Person volunteer = fixtures.volunteer(RecordFixtures.DUANZHOU);
		long id = receive(volunteer, "投诉居民" + tag);
		assertThat(status(id)).isEqualTo("RECEIVED");
		// deciding before the investigation: 409 with the reason, nothing changed
		String refused = postJson("/api/v1/complaints/" + id + "/steps", duanzhou,
				"{\"action\": \"uphold\", \"reason\": \"情况属实\"}", 409).getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(refused).contains("\"field\":\"action\"").contains("投诉需先调查");
		assertThat(status(id)).isEqualTo("RECEIVED");
		assertThat(steps(id)).isEqualTo(1);
		// bad input names the field
		assertThat(postJson("/api/v1/complaints/" + id + "/steps", duanzhou, "{\"action\": \"investigate\"}", 400)
			.getResponse().getContentAsString()).contains("\"field\":\"reason\"");
		assertThat(postJson("/api/v1/complaints/" + id + "/steps", duanzhou, "{\"action\": \"close\", \"reason\": \"理由\"}",
				400).getResponse().getContentAsString()).contains("\"field\":\"action\"");
		assertThat(postJson("/api/v1/complaints/" + id + "/steps", duanzhou, "{\"action\": [1], \"reason\": \"理由\"}", 400)
			.getResponse().getContentAsString()).contains("\"field\":\"action\"");
		assertThat(steps(id)).isEqualTo(1);

		postJson("/api/v1/complaints/" + id + "/steps", duanzhou, "{\"action\": \"investigate\", \"reason\": \"约谈双方\"}", 200);
		assertThat(status(id)).isEqualTo("INVESTIGATING");
		postJson("/api/v1/complaints/" + id + "/steps", duanzhou, "{\"action\": \"investigate\", \"reason\": \"再查\"}", 409);
		postJson("/api/v1/complaints/" + id + "/steps", city, "{\"action\": \"dismiss\", \"reason\": \"查无实据\"}", 200);
		assertThat(status(id)).isEqualTo("DISMISSED");
		assertThat(jdbc.sql("select decided_at is not null from complaint where id = :id").param("id", id)
			.query(Boolean.class).single()).isTrue();
		String decided = postJson("/api/v1/complaints/" + id + "/steps", duanzhou,
				"{\"action\": \"uphold\", \"reason\": \"改判\"}", 409).getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(decided).contains("已经认定");
		assertThat(status(id)).isEqualTo("DISMISSED");
		assertThat(jdbc.sql("select to_status || ':' || reason from complaint_step where complaint_id = :id order by id")
			.param("id", id).query(String.class).list()).containsExactly("RECEIVED:", "INVESTIGATING:约谈双方", "DISMISSED:查无实据");

		// the page answers a refused step with 409 and the reason next to the buttons
		MvcResult page = mvc.perform(post("/admin/complaints/" + id + "/steps").with(duanzhou).with(csrf())
			.param("action", "uphold").param("reason", "改判")).andReturn();
		assertThat(page.getResponse().getStatus()).isEqualTo(409);
		assertThat(page.getResponse().getContentAsString()).contains("已经认定");
	}

	@Test
	void complaintsStayInTheScopeAndAreNeverPublic() throws Exception {
		RecordFixtures.Person volunteer = fixtures.volunteer(RecordFixtures.DUANZHOU);
		long id = receive(volunteer, "外区不可见" + tag);
		// another county's office: not found, nothing changed; its list does not show it
		getJson("/api/v1/complaints/" + id, dinghu, 404);
		postJson("/api/v1/complaints/" + id + "/steps", dinghu, "{\"action\": \"investigate\", \"reason\": \"越权\"}", 404);
		assertThat(mvc.perform(get("/admin/complaints/" + id).with(dinghu)).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		assertThat(status(id)).isEqualTo("RECEIVED");
		assertThat(getJson("/api/v1/complaints", dinghu, 200)).doesNotContain(tag);
		assertThat(mvc.perform(get("/admin/complaints").with(dinghu)).andReturn().getResponse().getContentAsString())
			.doesNotContain(tag);
		// nor may it record one about a volunteer of 端州区
		long before = fixtures.count("complaint");
		assertThat(postJson("/api/v1/complaints", dinghu, """
				{"volunteerNumber": "%s", "complainantKind": "RESIDENT", "complainantName": "某人", "summary": "越权登记"}"""
			.formatted(volunteer.volunteerNumber()), 400).getResponse().getContentAsString())
			.contains("\"field\":\"volunteerNumber\"");
		assertThat(fixtures.count("complaint")).isEqualTo(before);
		// the city's office sees it
		assertThat(getJson("/api/v1/complaints", city, 200)).contains(tag);
		assertThat(getJson("/api/v1/complaints/" + id, city, 200)).contains("外区不可见" + tag);
		// other roles: 403; anonymous: refused; volunteers: 403 on the staff API
		RequestPostProcessor siteAdmin = fixtures.users().staff(RecordFixtures.DUANZHOU, Roles.SITE_ADMIN);
		getJson("/api/v1/complaints", siteAdmin, 403);
		getJson("/api/v1/complaints/" + id, volunteer.signedIn(), 403);
		assertThat(mvc.perform(get("/admin/complaints").with(siteAdmin)).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		assertThat(mvc.perform(get("/api/v1/complaints/" + id).accept(MediaType.APPLICATION_JSON)).andReturn()
			.getResponse().getStatus()).isEqualTo(401);
		assertThat(mvc.perform(get("/me/complaints")).andReturn().getResponse().getStatus()).isEqualTo(302);
		// bad input on the form: 400 naming the fields, nothing stored
		MvcResult form = mvc.perform(post("/admin/complaints/new").with(duanzhou).with(csrf())
			.param("volunteerNumber", "nope").param("complainantKind", "ALIEN").param("complainantName", "")
			.param("shiftId", "x1").param("summary", "")).andReturn();
		assertThat(form.getResponse().getStatus()).isEqualTo(400);
		assertThat(form.getResponse().getContentAsString()).contains("volunteerNumber-error", "complainantKind-error",
				"complainantName-error", "shiftId-error", "summary-error");
		assertThat(fixtures.count("complaint")).isEqualTo(before);
		// an unknown field in the JSON body is refused naming it
		assertThat(postJson("/api/v1/complaints", duanzhou, "{\"volunteerNumber\": \"x\", \"secret\": 1}", 400)
			.getResponse().getContentAsString()).contains("secret");
	}

	@Test
	void theVolunteerSeesTheirComplaintsWithoutTheComplainantAndRespondsOnce() throws Exception {
		RecordFixtures.Person volunteer = fixtures.volunteer(RecordFixtures.DUANZHOU);
		RecordFixtures.Person other = fixtures.volunteer(RecordFixtures.DUANZHOU);
		String complainant = "王投诉人" + tag;
		long id = receive(volunteer, complainant);
		postJson("/api/v1/complaints/" + id + "/steps", duanzhou, "{\"action\": \"investigate\", \"reason\": \"核实经过\"}", 200);
		postJson("/api/v1/complaints/" + id + "/steps", duanzhou, "{\"action\": \"uphold\", \"reason\": \"迟到一小时属实\"}", 200);

		String own = getJson("/api/v1/me/complaints", volunteer.signedIn(), 200);
		assertThat(own).contains("服务时态度生硬" + tag).contains("UPHELD").contains("迟到一小时属实")
			.doesNotContain(complainant).doesNotContain("RESIDENT").doesNotContain("complainant");
		String page = mvc.perform(get("/me/complaints").with(volunteer.signedIn())).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(page).contains("服务时态度生硬" + tag).doesNotContain(complainant).doesNotContain("群众");
		// the other volunteer sees nothing of it and cannot respond to it
		assertThat(getJson("/api/v1/me/complaints", other.signedIn(), 200)).doesNotContain(tag);
		postJson("/api/v1/me/complaints/" + id + "/response", other.signedIn(), "{\"response\": \"不是我\"}", 404);
		// bad input names the field; then once, and not twice
		assertThat(postJson("/api/v1/me/complaints/" + id + "/response", volunteer.signedIn(), "{\"response\": \"\"}", 400)
			.getResponse().getContentAsString()).contains("\"field\":\"response\"");
		postJson("/api/v1/me/complaints/" + id + "/response", volunteer.signedIn(), "{\"response\": \"那天公交晚点，已致歉\"}", 200);
		postJson("/api/v1/me/complaints/" + id + "/response", volunteer.signedIn(), "{\"response\": \"再说一次\"}", 409);
		MvcResult again = mvc.perform(post("/me/complaints/" + id + "/response").with(volunteer.signedIn()).with(csrf())
			.param("response", "第三次")).andReturn();
		assertThat(again.getResponse().getStatus()).isEqualTo(409);
		assertThat(jdbc.sql("select response from complaint where id = :id").param("id", id).query(String.class).single())
			.isEqualTo("那天公交晚点，已致歉");
		// staff in scope read the response
		assertThat(getJson("/api/v1/complaints/" + id, duanzhou, 200)).contains("那天公交晚点，已致歉");
	}

	@Test
	void ratingsOnlyForAnAttendedShiftOnceAndByItsOrganizer() throws Exception {
		RecordFixtures.Organizer organizer = fixtures.team(RecordFixtures.DUANZHOU);
		RecordFixtures.Organizer another = fixtures.team(RecordFixtures.DUANZHOU);
		long shift = fixtures.shift(organizer);
		RecordFixtures.Person served = fixtures.volunteer(RecordFixtures.DUANZHOU);
		RecordFixtures.Person stillIn = fixtures.volunteer(RecordFixtures.DUANZHOU);
		RecordFixtures.Person absent = fixtures.volunteer(RecordFixtures.DUANZHOU);
		RecordFixtures.Person raced = fixtures.volunteer(RecordFixtures.DUANZHOU);
		fixtures.attended(shift, served.volunteerId(), true);
		fixtures.attended(shift, stillIn.volunteerId(), false);
		fixtures.attended(shift, raced.volunteerId(), true);
		String path = "/api/v1/shifts/" + shift + "/ratings";

		// not attended, or not checked out: 400 naming volunteerId; bad score and remark named
		assertThat(postJson(path, organizer.signedIn(), "{\"volunteerId\": %d, \"score\": 5}".formatted(absent.volunteerId()),
				400).getResponse().getContentAsString()).contains("\"field\":\"volunteerId\"");
		postJson(path, organizer.signedIn(), "{\"volunteerId\": %d, \"score\": 5}".formatted(stillIn.volunteerId()), 400);
		assertThat(postJson(path, organizer.signedIn(), "{\"volunteerId\": %d, \"score\": 6, \"remark\": \"%s\"}"
			.formatted(served.volunteerId(), "长".repeat(201)), 400).getResponse().getContentAsString())
			.contains("\"field\":\"score\"").contains("\"field\":\"remark\"");
		// another team's leader: not found; nothing stored
		postJson(path, another.signedIn(), "{\"volunteerId\": %d, \"score\": 5}".formatted(served.volunteerId()), 404);
		getJson(path, another.signedIn(), 404);
		assertThat(fixtures.count("shift_rating where shift_id = " + shift)).isZero();

		postJson(path, organizer.signedIn(), "{\"volunteerId\": %d, \"score\": 4, \"remark\": \"耐心细致\"}"
			.formatted(served.volunteerId()), 201);
		postJson(path, organizer.signedIn(), "{\"volunteerId\": %d, \"score\": 1}".formatted(served.volunteerId()), 409);
		assertThat(jdbc.sql("select score from shift_rating where shift_id = :s and volunteer_id = :v")
			.param("s", shift).param("v", served.volunteerId()).query(Integer.class).list()).containsExactly(4);
		assertThat(getJson(path, organizer.signedIn(), 200)).contains("耐心细致").contains(served.volunteerNumber());

		// two organizers rating the same service at once: one row, the other told 409
		List<Callable<Object>> tasks = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			int score = i + 1;
			tasks.add(() -> ratings.rate(shift, String.valueOf(raced.volunteerId()), String.valueOf(score), "",
					organizer.principal()));
		}
		List<Object> outcomes = runAtOnce(tasks);
		assertThat(outcomes.stream().filter(ServiceRating.class::isInstance)).hasSize(1);
		assertThat(outcomes.stream().filter(o -> o instanceof ComplaintRefusedException r
				&& r.kind() == ComplaintRefusedException.Kind.CONFLICT)).hasSize(3);
		assertThat(fixtures.count("shift_rating where shift_id = " + shift + " and volunteer_id = "
				+ raced.volunteerId())).isEqualTo(1);

		// the volunteer sees their average and count
		String own = getJson("/api/v1/me/complaints", served.signedIn(), 200);
		assertThat(own).contains("\"ratingCount\":1").contains("\"ratingAverage\":4.0").contains("耐心细致");
		// the organizer's page lists the attendees who completed the shift
		String page = mvc.perform(get("/admin/shifts/" + shift + "/ratings").with(organizer.signedIn())).andReturn()
			.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(page).contains(served.volunteerNumber()).contains(raced.volunteerNumber())
			.doesNotContain(stillIn.volunteerNumber()).doesNotContain(served.name());
		// the page's form: a rating given already 409, one who did not attend 400 with the message, another team's
		// leader 404; nothing stored
		MvcResult twice = mvc.perform(post("/admin/shifts/" + shift + "/ratings").with(organizer.signedIn()).with(csrf())
			.param("volunteerId", String.valueOf(served.volunteerId())).param("score", "2")).andReturn();
		assertThat(twice.getResponse().getStatus()).isEqualTo(409);
		assertThat(twice.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("已经评价过");
		MvcResult notThere = mvc.perform(post("/admin/shifts/" + shift + "/ratings").with(organizer.signedIn())
			.with(csrf()).param("volunteerId", String.valueOf(absent.volunteerId())).param("score", "5")).andReturn();
		assertThat(notThere.getResponse().getStatus()).isEqualTo(400);
		assertThat(notThere.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
			.contains("没有完成本班次的出勤");
		assertThat(mvc.perform(get("/admin/shifts/" + shift + "/ratings").with(another.signedIn())).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/admin/shifts/" + shift + "/ratings").with(another.signedIn()).with(csrf())
			.param("volunteerId", String.valueOf(stillIn.volunteerId())).param("score", "5")).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(fixtures.count("shift_rating where shift_id = " + shift)).isEqualTo(2);
	}

	@Test
	void theRetentionSweepDeletesExactlyTheExpired() {
		RecordFixtures.Person volunteer = fixtures.volunteer(RecordFixtures.DUANZHOU);
		long dismissedOld = complaint(volunteer, "DISMISSED", 200);
		long dismissedRecent = complaint(volunteer, "DISMISSED", 100);
		long upheldOld = complaint(volunteer, "UPHELD", 6 * 366);
		long upheldRecent = complaint(volunteer, "UPHELD", 200);
		long openOld = complaint(volunteer, "INVESTIGATING", -1);
		jobs.stream().filter(j -> j.name().startsWith("complaints-")).forEach(retentionJobs::purge);
		assertThat(jdbc.sql("select id from complaint where volunteer_id = :v order by id")
			.param("v", volunteer.volunteerId()).query(Long.class).list())
			.containsExactly(dismissedRecent, upheldRecent, openOld);
		assertThat(fixtures.count("complaint_step where complaint_id in (" + dismissedOld + ", " + upheldOld + ")")).isZero();
		assertThat(jobs.stream().map(RetentionJob::name)).contains("complaints-dismissed", "complaints-upheld");
	}

	/** A complaint decided {@code daysAgo} (open, received years ago, when negative), with a step. */
	long complaint(RecordFixtures.Person volunteer, String status, int daysAgo) {
		long id = jdbc.sql("""
				insert into complaint (volunteer_id, region_path, complainant_kind, complainant_name, summary, status,
				    received_by, received_at, decided_at)
				values (:v, '44.4412.441202.', 'ORGANIZER', '某队', '保留期测试', :status, 'test', now() - interval '3000 days',
				    case when :days >= 0 then now() - make_interval(days => :days) end) returning id""")
			.param("v", volunteer.volunteerId()).param("status", status).param("days", daysAgo).query(Long.class).single();
		jdbc.sql("insert into complaint_step (complaint_id, to_status, reason, acted_by, acted_at) values (:c, :s, '', 'test', now())")
			.param("c", id).param("s", status).update();
		return id;
	}

	static List<Object> runAtOnce(List<Callable<Object>> tasks) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Object>> futures = new ArrayList<>();
			for (Callable<Object> task : tasks) {
				futures.add(pool.submit(() -> {
					start.await();
					return task.call();
				}));
			}
			start.countDown();
			List<Object> results = new ArrayList<>();
			for (Future<Object> f : futures) {
				try {
					results.add(f.get());
				}
				catch (java.util.concurrent.ExecutionException ex) {
					results.add(ex.getCause());
				}
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}
}
