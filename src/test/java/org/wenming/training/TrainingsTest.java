package org.wenming.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.complaint.RecordFixtures;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteers;

/**
 * Training against the real database: courses kept by the office in scope (another county's 404, other roles 403,
 * anonymous 401; bad input named), completions recorded one by one (unknown volunteer, one outside the scope,
 * a completion before the course: refused naming the field, nothing stored), qualifications and their validity,
 * the sheet import (every bad row numbered, nothing stored; the same sheet twice stores once), self-enrolment
 * (concurrently: one row), courses completed elsewhere (once per source reference) on the volunteer's page.
 */
@WenmingTest
class TrainingsTest {

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

	RecordFixtures fixtures;

	RequestPostProcessor duanzhou;

	RequestPostProcessor dinghu;

	String tag;

	@BeforeEach
	void setUp() {
		fixtures = new RecordFixtures(jdbc, volunteers, regions);
		duanzhou = fixtures.users().staff(RecordFixtures.DUANZHOU, Roles.OFFICE_STAFF);
		dinghu = fixtures.users().staff(RecordFixtures.DINGHU, Roles.OFFICE_STAFF);
		tag = RecordFixtures.tag();
	}

	static String body(MvcResult result) throws Exception {
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	/** A course of 端州区 through the API; its id. */
	long course(String title, LocalDate startsOn, String qualification, Integer months) throws Exception {
		MvcResult created = mvc.perform(post("/api/v1/training/courses").with(duanzhou).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"title": "%s", "provider": "肇庆市红十字会", "hours": 16, "startsOn": "%s", "place": "端州区红十字会",
					 "certificate": true, "regionCode": "441202", "qualification": %s, "validityMonths": %s}"""
				.formatted(title, startsOn, qualification == null ? "null" : "\"" + qualification + "\"",
						months == null ? "null" : months)))
			.andReturn();
		assertThat(created.getResponse().getStatus()).as(body(created)).isEqualTo(201);
		return jdbc.sql("select id from training_course where title = :t").param("t", title).query(Long.class).single();
	}

	long rows(long courseId) {
		return fixtures.count("training_enrolment where course_id = " + courseId);
	}

	@Test
	void theOfficeKeepsCoursesInItsScopeAndNamesBadFields() throws Exception {
		MvcResult bad = mvc.perform(post("/api/v1/training/courses").with(duanzhou).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"title": "", "provider": "x", "hours": 0, "startsOn": "2026-02-30", "endsOn": "2020-01-01",
					 "place": "p", "regionCode": "441203", "qualification": "FLYING", "validityMonths": 999}"""))
			.andReturn();
		assertThat(bad.getResponse().getStatus()).isEqualTo(400);
		assertThat(body(bad)).contains("\"field\":\"title\"", "\"field\":\"hours\"", "\"field\":\"startsOn\"",
				"\"field\":\"regionCode\"", "\"field\":\"qualification\"", "\"field\":\"validityMonths\"");
		assertThat(mvc.perform(post("/api/v1/training/courses").with(duanzhou).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"title\": [1]}")).andReturn().getResponse()
			.getContentAsString()).contains("\"field\":\"title\"");
		assertThat(fixtures.count("training_course where provider = 'x'")).isZero();

		long id = course("急救培训" + tag, LocalDate.now().plusDays(10), "FIRST_AID", 36);
		assertThat(body(mvc.perform(get("/admin/training").with(duanzhou)).andReturn())).contains("急救培训" + tag);
		assertThat(body(mvc.perform(get("/admin/training").with(dinghu)).andReturn())).doesNotContain(tag);
		assertThat(body(mvc.perform(get("/admin/training/" + id).with(duanzhou)).andReturn())).contains("急救培训" + tag)
			.contains("肇庆市红十字会");
		// another county's office: not found, on pages and API alike
		assertThat(mvc.perform(get("/admin/training/" + id).with(dinghu)).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		assertThat(mvc.perform(get("/api/v1/training/courses/" + id + "/enrolments").with(dinghu)).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(put("/api/v1/training/courses/" + id).with(dinghu).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"title\": \"改\"}")).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/admin/training/" + id + "/cancel").with(dinghu).with(csrf())).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
		// other roles 403, anonymous 401
		RecordFixtures.Person volunteer = fixtures.volunteer(RecordFixtures.DUANZHOU);
		assertThat(mvc.perform(get("/admin/training").with(volunteer.signedIn())).andReturn().getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(mvc.perform(get("/api/v1/training/courses").with(fixtures.users().staff(RecordFixtures.DUANZHOU,
				Roles.SITE_ADMIN))).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(get("/api/v1/training/courses").accept(MediaType.APPLICATION_JSON)).andReturn()
			.getResponse().getStatus()).isEqualTo(401);

		// the edit page form, then cancelling: a cancelled course takes no changes (409)
		MvcResult edited = mvc.perform(post("/admin/training/" + id + "/edit").with(duanzhou).with(csrf())
			.param("title", "急救培训（改）" + tag).param("provider", "肇庆市红十字会").param("hours", "12.5")
			.param("startsOn", LocalDate.now().plusDays(10).toString()).param("place", "端州区")
			.param("certificate", "true").param("regionCode", "441202").param("qualification", "FIRST_AID")
			.param("validityMonths", "36")).andReturn();
		assertThat(edited.getResponse().getStatus()).isEqualTo(302);
		assertThat(trainings.find(id).orElseThrow().hours()).isEqualByComparingTo("12.5");
		assertThat(mvc.perform(post("/admin/training/" + id + "/cancel").with(duanzhou).with(csrf())).andReturn()
			.getResponse().getStatus()).isEqualTo(302);
		assertThat(mvc.perform(put("/api/v1/training/courses/" + id).with(duanzhou).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"title\": \"改\"}")).andReturn().getResponse()
			.getStatus()).isEqualTo(409);
	}

	/** Every endpoint naming a course: another county's office 404, a volunteer or a site admin 403, nothing changed. */
	@Test
	void everyCourseEndpointIsConfinedToTheOfficesScope() throws Exception {
		long id = course("范围测试" + tag, LocalDate.now().minusDays(3), "FIRST_AID", 36);
		RecordFixtures.Person volunteer = fixtures.volunteer(RecordFixtures.DUANZHOU);
		RequestPostProcessor siteAdmin = fixtures.users().staff(RecordFixtures.DUANZHOU, Roles.SITE_ADMIN);
		String entry = "{\"volunteerNumber\": \"%s\", \"status\": \"ENROLLED\"}".formatted(volunteer.volunteerNumber());
		List<org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder> requests = List.of(
				get("/admin/training/" + id), get("/admin/training/" + id + "/edit"),
				post("/admin/training/" + id + "/edit").param("title", "改").param("provider", "改").param("hours", "1")
					.param("startsOn", LocalDate.now().toString()).param("place", "改").param("regionCode", "441203"),
				post("/admin/training/" + id + "/cancel"),
				post("/admin/training/" + id + "/enrolments").param("volunteerNumber", volunteer.volunteerNumber())
					.param("status", "ENROLLED"),
				get("/api/v1/training/courses/" + id), get("/api/v1/training/courses/" + id + "/enrolments"),
				put("/api/v1/training/courses/" + id).contentType(MediaType.APPLICATION_JSON).content("{\"title\": \"改\"}"),
				post("/api/v1/training/courses/" + id + "/cancel"),
				post("/api/v1/training/courses/" + id + "/enrolments").contentType(MediaType.APPLICATION_JSON)
					.content(entry));
		for (var request : requests) {
			String what = request.buildRequest(new org.springframework.mock.web.MockServletContext()).getMethod() + " "
					+ request.buildRequest(new org.springframework.mock.web.MockServletContext()).getRequestURI();
			assertThat(mvc.perform(request.with(dinghu).with(csrf())).andReturn().getResponse().getStatus()).as(what)
				.isEqualTo(404);
			assertThat(mvc.perform(request.with(volunteer.signedIn()).with(csrf())).andReturn().getResponse().getStatus())
				.as(what).isEqualTo(403);
			assertThat(mvc.perform(request.with(siteAdmin).with(csrf())).andReturn().getResponse().getStatus()).as(what)
				.isEqualTo(403);
		}
		Course unchanged = trainings.find(id).orElseThrow();
		assertThat(unchanged.title()).isEqualTo("范围测试" + tag);
		assertThat(unchanged.cancelled()).isFalse();
		assertThat(rows(id)).isZero();
		// the volunteer's own pages answer a staff member who is no volunteer with not found, never another's record
		assertThat(mvc.perform(get("/api/v1/me/training").with(duanzhou)).andReturn().getResponse().getStatus())
			.isEqualTo(404);
	}

	@Test
	void completionsAreRecordedInScopeAndGrantQualificationsWhileValid() throws Exception {
		long id = course("急救复训" + tag, LocalDate.now().minusMonths(14), "FIRST_AID", 12);
		RecordFixtures.Person volunteer = fixtures.volunteer(RecordFixtures.DUANZHOU);
		RecordFixtures.Person outside = fixtures.volunteer(RecordFixtures.DINGHU);
		String url = "/api/v1/training/courses/" + id + "/enrolments";
		String entry = "{\"volunteerNumber\": \"%s\", \"status\": \"COMPLETED\", \"completedOn\": \"%s\"}";
		assertThat(body(mvc.perform(post(url).with(duanzhou).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(entry.formatted("NOBODY" + tag, LocalDate.now()))).andReturn()))
			.contains("\"field\":\"volunteerNumber\"");
		MvcResult out = mvc.perform(post(url).with(duanzhou).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(entry.formatted(outside.volunteerNumber(), LocalDate.now()))).andReturn();
		assertThat(out.getResponse().getStatus()).isEqualTo(400);
		assertThat(body(out)).contains("\"field\":\"volunteerNumber\"");
		assertThat(body(mvc.perform(post(url).with(duanzhou).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(entry.formatted(volunteer.volunteerNumber(), LocalDate.now().minusMonths(15)))).andReturn()))
			.contains("\"field\":\"completedOn\"");
		assertThat(body(mvc.perform(post(url).with(duanzhou).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"volunteerNumber\": \"%s\", \"status\": \"ABSENT\", \"certificateNumber\": \"C1\"}"
				.formatted(volunteer.volunteerNumber()))).andReturn())).contains("\"field\":\"certificateNumber\"");
		assertThat(rows(id)).isZero();

		// completed 13 months ago on a course valid 12 months: held, but expired
		LocalDate completed = LocalDate.now().minusMonths(13);
		MvcResult page = mvc.perform(post("/admin/training/" + id + "/enrolments").with(duanzhou).with(csrf())
			.param("volunteerNumber", volunteer.volunteerNumber()).param("status", "COMPLETED")
			.param("completedOn", completed.toString()).param("certificateNumber", "JJ-2025-001")).andReturn();
		assertThat(page.getResponse().getStatus()).isEqualTo(302);
		List<HeldQualification> held = trainings.held(volunteer.volunteerId());
		assertThat(held).containsExactly(new HeldQualification(Qualification.FIRST_AID,
				completed.plusMonths(12).minusDays(1)));
		assertThat(trainings.holds(volunteer.volunteerId(), Qualification.FIRST_AID, LocalDate.now())).isFalse();
		assertThat(trainings.holds(volunteer.volunteerId(), Qualification.FIRST_AID, completed.plusMonths(12).minusDays(1)))
			.isTrue();
		// a newer course with no expiry makes it held for good
		long lifelong = course("急救基础" + tag, LocalDate.now().minusDays(5), "FIRST_AID", null);
		trainings.record(lifelong, new Trainings.EntryDraft(volunteer.volunteerNumber(), "COMPLETED",
				LocalDate.now().minusDays(4).toString(), null), fixtures.users().staffPrincipal(RecordFixtures.DUANZHOU,
						Roles.OFFICE_STAFF));
		assertThat(trainings.held(volunteer.volunteerId()))
			.containsExactly(new HeldQualification(Qualification.FIRST_AID, null));
		assertThat(trainings.completedBy(volunteer.volunteerId())).extracting(CompletedCourse::title)
			.containsExactly("急救基础" + tag, "急救复训" + tag);

		String mine = body(mvc.perform(get("/me/training").with(volunteer.signedIn())).andReturn());
		assertThat(mine).contains("急救复训" + tag).contains("JJ-2025-001").contains("长期有效");
		assertThat(body(mvc.perform(get("/api/v1/me/training").with(volunteer.signedIn())).andReturn()))
			.contains("\"qualifications\":[{\"qualification\":\"FIRST_AID\",\"valid\":true}]");
		// the staff page shows the volunteer masked
		assertThat(body(mvc.perform(get("/admin/training/" + id).with(duanzhou)).andReturn()))
			.contains(volunteer.volunteerNumber()).doesNotContain(volunteer.name());
		// a course someone completed cannot be cancelled
		assertThat(mvc.perform(post("/api/v1/training/courses/" + id + "/cancel").with(duanzhou).with(csrf()))
			.andReturn().getResponse().getStatus()).isEqualTo(409);
	}

	static byte[] csv(String... lines) {
		return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
	}

	MvcResult upload(String name, byte[] content) throws Exception {
		return mvc.perform(multipart("/admin/training/import").file(new MockMultipartFile("file", name, "text/csv",
				content)).with(duanzhou).with(csrf())).andReturn();
	}

	@Test
	void aSheetWithBadRowsStoresNothingAndTheSameSheetTwiceStoresOnce() throws Exception {
		long id = course("消防培训" + tag, LocalDate.now().minusDays(20), "FIRE_SAFETY", null);
		long otherCounty = jdbc.sql("""
				insert into training_course (title, provider, hours, starts_on, place, certificate, region_code, region_path,
				    created_by, created_at)
				values (:t, '鼎湖区消防大队', 4, current_date - 20, '鼎湖区', false, '441203', '44.4412.441203.', 'test', now())
				returning id""").param("t", "鼎湖培训" + tag).query(Long.class).single();
		RecordFixtures.Person a = fixtures.volunteer(RecordFixtures.DUANZHOU);
		RecordFixtures.Person b = fixtures.volunteer(RecordFixtures.DUANZHOU);
		RecordFixtures.Person outside = fixtures.volunteer(RecordFixtures.DINGHU);
		String today = LocalDate.now().toString();
		byte[] bad = csv("志愿者编号,课程编号,状态,结业日期,证书编号",
				a.volunteerNumber() + "," + id + ",已结业," + today + ",XF-1",
				"NOBODY" + tag + "," + id + ",已结业," + today + ",",
				outside.volunteerNumber() + "," + id + ",COMPLETED," + today + ",",
				b.volunteerNumber() + ",999999999,ENROLLED,,",
				b.volunteerNumber() + "," + otherCounty + ",ENROLLED,,",
				b.volunteerNumber() + "," + id + ",COMPLETED," + LocalDate.now().minusDays(30) + ",",
				a.volunteerNumber() + "," + id + ",已报名,,");
		MvcResult refused = upload("list.csv", bad);
		assertThat(refused.getResponse().getStatus()).isEqualTo(400);
		String page = body(refused);
		assertThat(page).contains("第 3 行", "第 4 行", "第 5 行", "第 6 行", "第 7 行", "第 8 行").doesNotContain("第 2 行");
		assertThat(page).contains("没有这个志愿者编号").contains("这位志愿者不在您的管辖范围内").contains("没有这个课程")
			.contains("结业日期不能早于课程开始日期").contains("同一志愿者在同一课程出现了两次");
		assertThat(rows(id)).isZero();

		byte[] good = csv("volunteer number,course,status,completed on,certificate number",
				a.volunteerNumber() + "," + id + ",COMPLETED," + today + ",XF-1",
				b.volunteerNumber() + "," + id + ",已报名,,");
		assertThat(upload("list.csv", good).getResponse().getStatus()).isEqualTo(200);
		assertThat(upload("list.csv", good).getResponse().getStatus()).isEqualTo(200);
		assertThat(rows(id)).isEqualTo(2);
		assertThat(trainings.held(a.volunteerId())).containsExactly(new HeldQualification(Qualification.FIRE_SAFETY, null));

		// the same as a workbook: b completes; row numbers are the sheet's
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Workbook workbook = new Workbook(out, "test", "1.0");
		Worksheet sheet = workbook.newWorksheet("名单");
		List<List<String>> cells = List.of(List.of("志愿者编号", "课程编号", "状态", "结业日期"),
				List.of(b.volunteerNumber(), String.valueOf(id), "COMPLETED", "2999-01-01"));
		for (int r = 0; r < cells.size(); r++) {
			for (int c = 0; c < cells.get(r).size(); c++) {
				sheet.value(r, c, cells.get(r).get(c));
			}
		}
		workbook.finish();
		MvcResult xlsx = upload("list.xlsx", out.toByteArray());
		assertThat(xlsx.getResponse().getStatus()).isEqualTo(400);
		assertThat(body(xlsx)).contains("第 2 行").contains("请填写结业日期");
		assertThat(fixtures.count("training_enrolment where course_id = " + id + " and status = 'COMPLETED'")).isEqualTo(1);

		// not a table at all, and a file of another office's role
		assertThat(body(upload("list.csv", new byte[] { (byte) 0xff, (byte) 0xfe, 0, 1 }))).contains("UTF-8");
		assertThat(mvc.perform(multipart("/admin/training/import").file(new MockMultipartFile("file", "x.csv",
				"text/csv", good)).with(a.signedIn()).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(403);
	}

	@Test
	void aVolunteerEnrolsOnceHoweverOftenTheyPress() throws Exception {
		long id = course("养老护理" + tag, LocalDate.now().plusDays(7), "ELDER_CARE", null);
		long past = course("旧课程" + tag, LocalDate.now().minusDays(7), null, null);
		RecordFixtures.Person volunteer = fixtures.volunteer(RecordFixtures.DUANZHOU);
		RecordFixtures.Person dinghu = fixtures.volunteer(RecordFixtures.DINGHU);
		assertThat(body(mvc.perform(get("/me/training").with(volunteer.signedIn())).andReturn())).contains("养老护理" + tag)
			.doesNotContain("旧课程" + tag);
		assertThat(body(mvc.perform(get("/me/training").with(dinghu.signedIn())).andReturn())).doesNotContain(tag);

		ExecutorService pool = Executors.newFixedThreadPool(6);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return mvc.perform(post("/api/v1/me/training/courses/" + id + "/enrolment")
						.with(volunteer.signedIn()).with(csrf())).andReturn().getResponse().getStatus();
				}));
			}
			start.countDown();
			for (Future<Integer> f : answers) {
				assertThat(f.get()).isEqualTo(201);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(rows(id)).isEqualTo(1);
		assertThat(mvc.perform(post("/me/training/" + id + "/enrol").with(volunteer.signedIn()).with(csrf())).andReturn()
			.getResponse().getStatus()).isEqualTo(302);
		assertThat(rows(id)).isEqualTo(1);
		// a course that has started: 409; another county's: 404; nobody's volunteer: 404
		assertThat(mvc.perform(post("/api/v1/me/training/courses/" + past + "/enrolment").with(volunteer.signedIn())
			.with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(409);
		assertThat(mvc.perform(post("/api/v1/me/training/courses/" + id + "/enrolment").with(dinghu.signedIn())
			.with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/api/v1/me/training/courses/" + id + "/enrolment").with(duanzhou).with(csrf()))
			.andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(rows(id)).isEqualTo(1);
	}

	@Test
	void aCourseCompletedElsewhereIsEnteredOnceAndShownWithItsSource() throws Exception {
		RecordFixtures.Person volunteer = fixtures.volunteer(RecordFixtures.DUANZHOU);
		CompletedCourse course = new CompletedCourse("红十字救护员", "广州市红十字会", new BigDecimal("16.0"),
				LocalDate.now().minusYears(1), "广州", true, "GZ-RC-77", Qualification.FIRST_AID, null);
		assertThat(trainings.recordExternal(volunteer.volunteerId(), "广州志愿者系统", "rec-" + tag, course)).isTrue();
		assertThat(trainings.recordExternal(volunteer.volunteerId(), "广州志愿者系统", "rec-" + tag, course)).isFalse();
		assertThat(fixtures.count("training_external where source_ref = 'rec-" + tag + "'")).isEqualTo(1);
		assertThat(trainings.completedBy(volunteer.volunteerId())).containsExactly(new CompletedCourse("红十字救护员",
				"广州市红十字会", new BigDecimal("16.0"), LocalDate.now().minusYears(1), "广州", true, "GZ-RC-77",
				Qualification.FIRST_AID, "广州志愿者系统"));
		assertThat(trainings.held(volunteer.volunteerId())).containsExactly(new HeldQualification(Qualification.FIRST_AID,
				LocalDate.now().minusYears(1).plusMonths(36).minusDays(1)));
		assertThat(body(mvc.perform(get("/me/training").with(volunteer.signedIn())).andReturn()))
			.contains("来自 广州志愿者系统").contains("GZ-RC-77");
		// bad values are named, nothing stored
		assertThatThrownBy(() -> trainings.recordExternal(volunteer.volunteerId(), "", "r2-" + tag,
				// tomorrow in the city (UTC+8): from 16:00 UTC the machine's tomorrow is the city's today
				new CompletedCourse("", "p", new BigDecimal("500"), LocalDate.now(CityTime.ZONE).plusDays(1), null, false,
						null, null, null)))
			.isInstanceOfSatisfying(TrainingRefusedException.class, ex -> assertThat(ex.problems())
				.extracting(p -> p.field()).contains("source", "title", "hours", "completedOn"));
		assertThat(fixtures.count("training_external where source_ref = 'r2-" + tag + "'")).isZero();
	}
}
