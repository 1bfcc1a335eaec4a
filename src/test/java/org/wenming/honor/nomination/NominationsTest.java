package org.wenming.honor.nomination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.wenming.casework.photo.TestImages;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteers;

/**
 * Nominations end to end on the real database: submitting by JSON and by the form (signed in; staff on
 * someone's behalf in scope only), every refused field with nothing stored, evidence checked by content, the
 * duplicate rule across quarters and under concurrent submissions, the link to a registered volunteer, the
 * nominator's follow page (return, amend, resubmit, withdraw), the staff pages in and out of scope with the
 * audited reveal, and no number unmasked in JSON or the log.
 */
@WenmingTest
@ExtendWith(OutputCaptureExtension.class)
class NominationsTest {

	static final String VILLAGE = "441202001002";

	static final String COUNTY = "441202";

	static final String OTHER_COUNTY = "441203";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Nominations nominations;

	@Autowired
	Volunteers volunteers;

	TestUsers users;

	String tag;

	@BeforeEach
	void setUp() {
		users = new TestUsers(regions);
		tag = UUID.randomUUID().toString().substring(0, 8);
	}

	long count() {
		return jdbc.sql("select count(*) from honor_nomination").query(Long.class).single();
	}

	long evidenceCount() {
		return jdbc.sql("select count(*) from honor_evidence").query(Long.class).single();
	}

	static String json(Map<String, String> fields) {
		StringBuilder out = new StringBuilder("{");
		fields.forEach((k, v) -> {
			if (out.length() > 1) {
				out.append(',');
			}
			out.append('"').append(k).append("\":").append(v == null ? "null"
					: v.startsWith("[") || v.equals("true") ? v : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"")
							.replace("\n", "\\n") + "\"");
		});
		return out.append('}').toString();
	}

	Map<String, String> person(String id) {
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		fields.put("category", "HELPING");
		fields.put("kind", "PERSON");
		fields.put("nomineeName", "李好人" + tag);
		fields.put("nomineeIdNumber", id);
		fields.put("nomineeMobile", TestVolunteers.mobile());
		fields.put("regionCode", VILLAGE);
		fields.put("deedDate", LocalDate.now().minusDays(10).toString());
		fields.put("title", "冲进火场救出八旬老人" + tag);
		fields.put("story", "那天夜里……\n她三次冲进火场。");
		fields.put("nominatorKind", "PUBLIC");
		fields.put("nominatorName", "陈街坊");
		fields.put("nominatorMobile", "13800138000");
		return fields;
	}

	MvcResult submitJson(Map<String, String> fields, org.springframework.test.web.servlet.request.RequestPostProcessor as)
			throws Exception {
		return mvc.perform(post("/api/v1/honor/nominations").with(as).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content(json(fields))).andReturn();
	}

	static String body(MvcResult result) throws Exception {
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	static String followPath(MvcResult result) throws Exception {
		return body(result).replaceAll(".*\"followPath\":\"([^\"]+)\".*", "$1");
	}

	long idOf(MvcResult result) throws Exception {
		return Long.parseLong(body(result).replaceAll(".*\"id\":(\\d+).*", "$1"));
	}

	ScopedUser resident() {
		return users.staffPrincipal(VILLAGE, Roles.CITIZEN);
	}

	// ---- submitting --------------------------------------------------------------------------------------

	@Test
	void aSignedInResidentNominatesByJsonAndFollowsTheLink(CapturedOutput output) throws Exception {
		String id = HonorFixtures.adultId();
		long before = count();
		MvcResult result = submitJson(person(id), users.staff(VILLAGE, Roles.CITIZEN));
		assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(201);
		assertThat(body(result)).contains("\"number\":\"HR-" + LocalDate.now(org.wenming.shared.CityTime.ZONE).getYear() + "-");
		assertThat(count()).isEqualTo(before + 1);
		Map<String, Object> row = jdbc.sql("""
				select status, vetting_level, quarter, nominee_id_masked, nominee_minor, nominee_id_cipher, nominee_id_hash,
				       nominator_mobile_masked, entered_by, nominator_user_id, volunteer_id
				from honor_nomination where id = :id""").param("id", idOf(result)).query().singleRow();
		assertThat(row.get("status")).isEqualTo("SUBMITTED");
		assertThat(row.get("vetting_level")).isEqualTo("TOWN");
		assertThat(row.get("quarter")).isEqualTo(Nominations.quarter(LocalDate.now(org.wenming.shared.CityTime.ZONE)));
		assertThat(row.get("nominee_id_masked")).isEqualTo(id.substring(0, 4) + "**********" + id.substring(14));
		assertThat(row.get("nominee_minor")).isEqualTo(false);
		assertThat(new String((byte[]) row.get("nominee_id_cipher"), StandardCharsets.ISO_8859_1)).doesNotContain(id);
		assertThat((byte[]) row.get("nominee_id_hash")).isEqualTo(volunteers.idNumberHash(
				org.wenming.volunteer.IdType.RESIDENT_ID, id));
		assertThat(row.get("nominator_mobile_masked")).isEqualTo("138****8000");
		assertThat(row.get("entered_by")).isNull();
		assertThat(row.get("nominator_user_id")).isNotNull();
		// the link went to the nominator's mobile; only its hash is kept
		String path = followPath(result);
		String token = path.substring(path.lastIndexOf('/') + 1);
		assertThat(jdbc.sql("select count(*) from notification_outbox where topic = 'honor.nomination' and text like :t")
				.param("t", "%" + token + "%").query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from honor_nomination where follow_token_hash = :h")
				.param("h", org.wenming.platform.SecretTokens.sha256(token)).query(Long.class).single()).isEqualTo(1);
		mvc.perform(get(path)).andExpect(status().isOk())
				.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
						.string("Cache-Control", "no-store"))
				.andExpect(content().string(containsString("冲进火场救出八旬老人" + tag)))
				.andExpect(content().string(containsString("审核中")))
				.andExpect(content().string(containsString(id.substring(0, 4) + "**********")))
				.andExpect(content().string(not(containsString(id))));
		mvc.perform(get(path).param("lang", "en")).andExpect(status().isOk())
				.andExpect(content().string(containsString("Progress")));
		mvc.perform(get(path).param("lang", "zh-TW")).andExpect(status().isOk())
				.andExpect(content().string(containsString("審核進度")));
		mvc.perform(get("/honor/follow/" + "A".repeat(32))).andExpect(status().isNotFound());
		// the staff JSON shows only masked numbers
		MvcResult staffView = mvc.perform(get("/api/v1/honor/nominations/" + idOf(result))
				.with(users.staff(COUNTY, Roles.OFFICE_STAFF))).andExpect(status().isOk()).andReturn();
		assertThat(body(staffView)).contains(id.substring(0, 4) + "**********").doesNotContain(id)
				.doesNotContain("13800138000");
		assertThat(output.getAll()).doesNotContain(id).doesNotContain("13800138000");
	}

	@Test
	void theFormAndTheStaffPagesSpeakThreeLanguages() throws Exception {
		mvc.perform(get("/honor/nominate").with(users.staff(VILLAGE, Roles.CITIZEN))).andExpect(status().isOk())
				.andExpect(content().string(containsString("提名身边好人")))
				.andExpect(content().string(containsString("name=\"nomineeIdNumber\"")))
				.andExpect(content().string(not(containsString("name=\"nominatorUnit\""))));
		mvc.perform(get("/honor/nominate").param("lang", "zh-TW").with(users.staff(VILLAGE, Roles.CITIZEN)))
				.andExpect(status().isOk()).andExpect(content().string(containsString("提名身邊好人")));
		mvc.perform(get("/honor/nominate").param("lang", "en").with(users.staff(VILLAGE, Roles.CITIZEN)))
				.andExpect(status().isOk()).andExpect(content().string(containsString("Nominate a good person")));
		MvcResult result = submitJson(person(HonorFixtures.adultId()), users.staff(VILLAGE, Roles.CITIZEN));
		for (String lang : List.of("en", "zh-TW", "zh-CN")) {
			mvc.perform(get("/admin/honor/nominations/" + idOf(result)).param("lang", lang)
					.with(users.staff(COUNTY, Roles.OFFICE_STAFF))).andExpect(status().isOk());
			mvc.perform(get("/admin/honor/nominations").param("lang", lang).with(users.staff(COUNTY, Roles.OFFICE_STAFF)))
					.andExpect(status().isOk());
		}
	}

	@Test
	void withoutAnAccountNothingIsStored() throws Exception {
		long before = count();
		MvcResult result = mvc.perform(post("/api/v1/honor/nominations").with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(json(person(HonorFixtures.adultId())))).andReturn();
		assertThat(result.getResponse().getStatus()).isIn(302, 401, 403);
		mvc.perform(get("/honor/nominate")).andExpect(status().is3xxRedirection());
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void everyBadFieldIsNamedAndNothingIsStored() throws Exception {
		String good = HonorFixtures.adultId();
		String badCheck = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
		record Case(String field, String value, String expectedField) {
		}
		List<Case> cases = List.of(new Case("nomineeIdNumber", badCheck, "nomineeIdNumber"),
				new Case("nomineeIdNumber", "12345", "nomineeIdNumber"),
				new Case("deedDate", LocalDate.now().plusDays(2).toString(), "deedDate"),
				new Case("deedDate", "2026-13-45", "deedDate"),
				new Case("story", "长".repeat(5001), "story"),
				new Case("story", null, "story"),
				new Case("title", "题".repeat(101), "title"),
				new Case("regionCode", "449999999999", "regionCode"),
				new Case("regionCode", regions.topLevel().code(), "regionCode"),
				new Case("regionCode", "<script>", "regionCode"),
				new Case("category", "HEROIC", "category"),
				new Case("kind", "ROBOT", "kind"),
				new Case("nominatorMobile", "12345", "nominatorMobile"),
				new Case("nomineeMobile", "99", "nomineeMobile"),
				new Case("nominatorKind", "UNIT", "nominatorKind"));
		long before = count();
		for (Case c : cases) {
			Map<String, String> fields = person(good);
			fields.put(c.field(), c.value());
			MvcResult result = submitJson(fields, users.staff(VILLAGE, Roles.CITIZEN));
			assertThat(result.getResponse().getStatus()).as(c.field() + "=" + c.value() + ": " + body(result)).isEqualTo(400);
			assertThat(body(result)).as(c.field()).contains("\"field\":\"" + c.expectedField() + "\"");
		}
		MvcResult checkDigit = submitJson(Map.of("category", "HELPING", "kind", "PERSON", "nomineeName", "王五",
				"nomineeIdNumber", badCheck), users.staff(VILLAGE, Roles.CITIZEN));
		assertThat(body(checkDigit)).contains("校验位");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void htmlInTheStoryIsStoredAsTextAndShownEscaped() throws Exception {
		Map<String, String> fields = person(HonorFixtures.adultId());
		fields.put("story", "<script>alert('x')</script><b>好人</b>");
		MvcResult result = submitJson(fields, users.staff(VILLAGE, Roles.CITIZEN));
		assertThat(result.getResponse().getStatus()).isEqualTo(201);
		assertThat(jdbc.sql("select story from honor_nomination where id = :id").param("id", idOf(result))
				.query(String.class).single()).isEqualTo("<script>alert('x')</script><b>好人</b>");
		mvc.perform(get(followPath(result))).andExpect(status().isOk())
				.andExpect(content().string(containsString("&lt;script&gt;")))
				.andExpect(content().string(not(containsString("<script>alert"))))
				.andExpect(content().string(not(containsString("<b>好人"))));
	}

	// ---- evidence --------------------------------------------------------------------------------------

	MockMultipartHttpServletRequestBuilder form(String id) {
		MockMultipartHttpServletRequestBuilder builder = multipart("/honor/nominate");
		person(id).forEach((k, v) -> builder.param(k, v));
		return builder;
	}

	@Test
	void evidenceIsCheckedByContentAndBadFilesStoreNothing() throws Exception {
		record Bad(String name, byte[] bytes) {
		}
		byte[] huge = new byte[10 * 1024 * 1024 + 10];
		System.arraycopy("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 0, huge, 0, 8);
		byte[] hugeImage = new byte[10 * 1024 * 1024 + 10];
		List<Bad> bad = List.of(new Bad("forged.pdf", HonorFixtures.forgedPdf()),
				new Bad("locked.pdf", HonorFixtures.encryptedPdf()), new Bad("script.pdf", HonorFixtures.pdfWithJavaScript()),
				new Bad("attached.pdf", HonorFixtures.pdfWithAttachment()), new Bad("huge.pdf", huge),
				new Bad("fake.jpg", "not an image at all".getBytes(StandardCharsets.UTF_8)), new Bad("huge.jpg", hugeImage));
		long before = count();
		long evidenceBefore = evidenceCount();
		for (Bad file : bad) {
			mvc.perform(form(HonorFixtures.adultId()).file(new MockMultipartFile("evidence", file.name(),
					"application/octet-stream", file.bytes())).with(users.staff(VILLAGE, Roles.CITIZEN)).with(csrf()))
					.andExpect(status().isBadRequest())
					.andExpect(content().string(containsString("id=\"evidence-error\"")));
		}
		assertThat(count()).isEqualTo(before);
		assertThat(evidenceCount()).isEqualTo(evidenceBefore);
		// a clean PDF of two pages and a photo (re-encoded, its EXIF gone) are kept
		byte[] photo = TestImages.jpegWithExif(400, 300, 1, "secret comment GPS");
		mvc.perform(form(HonorFixtures.adultId())
				.file(new MockMultipartFile("evidence", "a.pdf", "application/pdf", HonorFixtures.pdf(2)))
				.file(new MockMultipartFile("evidence", "b.jpg", "image/jpeg", photo))
				.with(users.staff(VILLAGE, Roles.CITIZEN)).with(csrf()))
				.andExpect(status().isCreated()).andExpect(content().string(containsString("/honor/follow/")));
		List<Map<String, Object>> rows = jdbc.sql("""
				select kind, pages, content_type from honor_evidence
				where nomination_id = (select max(id) from honor_nomination) order by id""").query().listOfRows();
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).get("kind")).isEqualTo("DOCUMENT");
		assertThat(rows.get(0).get("pages")).isEqualTo(2);
		assertThat(rows.get(1).get("kind")).isEqualTo("PHOTO");
	}

	@Test
	void thePdfRulesHoldOnTheirOwn() {
		assertThat(Evidence.pdfPages(HonorFixtures.pdf(3))).isEqualTo(3);
		for (byte[] bad : List.of(HonorFixtures.forgedPdf(), HonorFixtures.encryptedPdf(), HonorFixtures.pdfWithJavaScript(),
				HonorFixtures.pdfWithAttachment())) {
			assertThatThrownBy(() -> Evidence.pdfPages(bad)).isInstanceOf(NominationRefusedException.class)
					.satisfies(ex -> assertThat(((NominationRefusedException) ex).problems().get(0).field())
							.isEqualTo("evidence"));
		}
	}

	// ---- the duplicate rule ------------------------------------------------------------------------------

	NominationDraft draft(String id) {
		Map<String, String> f = person(id);
		return new NominationDraft(f.get("category"), f.get("kind"), f.get("nomineeName"), id, null, VILLAGE,
				"2026-10-01", f.get("title"), f.get("story"), "PUBLIC", "陈街坊", null, "13800138000");
	}

	Nominations.Submitter as(ScopedUser user) {
		return new Nominations.Submitter(user, false, Locale.CHINA, "https://wenming.test");
	}

	@Test
	void aPersonIsNominatedOnceAQuarter() throws Exception {
		String id = HonorFixtures.adultId();
		Instant q4 = Instant.parse("2026-11-20T02:00:00Z");
		Submitted first = nominations.submit(draft(id), as(resident()), List.of(), q4);
		assertThat(jdbc.sql("select quarter from honor_nomination where id = :id").param("id", first.id())
				.query(String.class).single()).isEqualTo("2026Q4");
		assertThatThrownBy(() -> nominations.submit(draft(id), as(resident()), List.of(), q4.plusSeconds(3600)))
				.isInstanceOfSatisfying(NominationRefusedException.class, ex -> {
					assertThat(ex.conflict()).isTrue();
					assertThat(ex.problems().get(0).field()).isEqualTo("nomineeIdNumber");
					assertThat(ex.problems().get(0).messageKey()).isEqualTo("honor.nomination.error.alreadyNominated");
				});
		// the next quarter (Asia/Shanghai: 2027-01-01 00:30 is still 2026-12-31 in UTC)
		Submitted next = nominations.submit(draft(id), as(resident()), List.of(), Instant.parse("2026-12-31T16:30:00Z"));
		assertThat(jdbc.sql("select quarter from honor_nomination where id = :id").param("id", next.id())
				.query(String.class).single()).isEqualTo("2027Q1");
		// a withdrawn nomination frees the quarter
		nominations.withdraw(first.token());
		nominations.submit(draft(id), as(resident()), List.of(), q4.plusSeconds(7200));
		// by HTTP: 409 naming the field
		String now = HonorFixtures.adultId();
		assertThat(submitJson(person(now), users.staff(VILLAGE, Roles.CITIZEN)).getResponse().getStatus()).isEqualTo(201);
		MvcResult again = submitJson(person(now), users.staff(VILLAGE, Roles.CITIZEN));
		assertThat(again.getResponse().getStatus()).isEqualTo(409);
		assertThat(body(again)).contains("\"field\":\"nomineeIdNumber\"").contains("本季度已被提名");
	}

	@Test
	void onePersonMaySubmitFiveADayThenWaits() {
		ScopedUser busy = resident();
		Instant at = Instant.parse("2026-11-24T02:00:00Z");
		for (int i = 0; i < 5; i++) {
			nominations.submit(draft(HonorFixtures.adultId()), as(busy), List.of(), at.plusSeconds(i));
		}
		long before = count();
		assertThatThrownBy(() -> nominations.submit(draft(HonorFixtures.adultId()), as(busy), List.of(), at.plusSeconds(60)))
				.isInstanceOfSatisfying(NominationLimitException.class,
						ex -> assertThat(ex.retryAfterSeconds()).isBetween(86_000L, 86_400L));
		assertThat(count()).isEqualTo(before);
		// a day later there is room again; another person was never limited
		nominations.submit(draft(HonorFixtures.adultId()), as(busy), List.of(), at.plusSeconds(86_401));
		nominations.submit(draft(HonorFixtures.adultId()), as(resident()), List.of(), at.plusSeconds(60));
	}

	@Test
	void aGroupIsNominatedOnceAQuarterByItsNormalisedName() {
		Instant at = Instant.parse("2026-11-21T02:00:00Z");
		String name = "西江  救援队" + tag;
		NominationDraft group = new NominationDraft("BRAVERY", "GROUP", name, null, null, COUNTY, null, "夜救落水者",
				"故事", "PUBLIC", "陈街坊", null, "13800138000");
		nominations.submit(group, as(resident()), List.of(), at);
		NominationDraft same = new NominationDraft("BRAVERY", "GROUP", " 西江 救援队" + tag.toUpperCase(Locale.ROOT) + " ",
				null, null, COUNTY, null, "夜救落水者", "故事", "PUBLIC", "陈街坊", null, "13800138000");
		assertThatThrownBy(() -> nominations.submit(same, as(resident()), List.of(), at))
				.isInstanceOfSatisfying(NominationRefusedException.class, ex -> assertThat(ex.conflict()).isTrue());
		// elsewhere it is another group
		NominationDraft elsewhere = new NominationDraft("BRAVERY", "GROUP", name, null, null, OTHER_COUNTY, null,
				"夜救落水者", "故事", "PUBLIC", "陈街坊", null, "13800138000");
		nominations.submit(elsewhere, as(resident()), List.of(), at);
	}

	@Test
	void twoConcurrentNominationsOfOnePersonStoreOne() throws Exception {
		String id = HonorFixtures.adultId();
		Instant at = Instant.parse("2026-11-22T02:00:00Z");
		int threads = 6;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<String>> outcomes = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			outcomes.add(pool.submit(() -> {
				start.await();
				try {
					nominations.submit(draft(id), as(resident()), List.of(), at);
					return "stored";
				}
				catch (NominationRefusedException ex) {
					return ex.conflict() ? "conflict" : "refused";
				}
			}));
		}
		start.countDown();
		List<String> results = Collections.synchronizedList(new ArrayList<>());
		for (Future<String> f : outcomes) {
			results.add(f.get(60, TimeUnit.SECONDS));
		}
		pool.shutdown();
		assertThat(results.stream().filter("stored"::equals).count()).isEqualTo(1);
		assertThat(results.stream().filter("conflict"::equals).count()).isEqualTo(threads - 1);
		assertThat(jdbc.sql("select count(*) from honor_nomination where nominee_id_hash = :h and quarter = '2026Q4'")
				.param("h", volunteers.idNumberHash(org.wenming.volunteer.IdType.RESIDENT_ID, id)).query(Long.class)
				.single()).isEqualTo(1);
	}

	@Test
	void aRegisteredVolunteerIsLinkedAndAMinorIsMarked() {
		String id = HonorFixtures.adultId();
		ScopedUser city = new TestUsers(regions).staffPrincipal("4412", Roles.SYSTEM_ADMIN);
		long volunteerId = volunteers.registerByStaff(TestVolunteers.draft(TestVolunteers.name(), id,
				TestVolunteers.mobile(), VILLAGE), city).id();
		Submitted linked = nominations.submit(draft(id), as(resident()), List.of(), Instant.parse("2026-11-23T02:00:00Z"));
		assertThat(jdbc.sql("select volunteer_id from honor_nomination where id = :id").param("id", linked.id())
				.query(Long.class).single()).isEqualTo(volunteerId);
		Submitted minor = nominations.submit(draft(HonorFixtures.minorId()), as(resident()), List.of());
		assertThat(jdbc.sql("select nominee_minor from honor_nomination where id = :id").param("id", minor.id())
				.query(Boolean.class).single()).isTrue();
		assertThat(jdbc.sql("select volunteer_id from honor_nomination where id = :id").param("id", minor.id())
				.query(Long.class).optional()).isEmpty();
	}

	// ---- staff on someone's behalf -------------------------------------------------------------------------

	@Test
	void staffEnterANominationOnSomeonesBehalfInScopeOnly() throws Exception {
		Map<String, String> fields = person(HonorFixtures.adultId());
		fields.put("nominatorKind", "UNIT");
		fields.put("nominatorUnit", "端州区城西街道");
		fields.put("onBehalf", "true");
		MvcResult entered = submitJson(fields, users.staff(COUNTY, Roles.OFFICE_STAFF));
		assertThat(entered.getResponse().getStatus()).as(body(entered)).isEqualTo(201);
		assertThat(jdbc.sql("select entered_by from honor_nomination where id = :id").param("id", idOf(entered))
				.query(String.class).single()).isEqualTo("test-" + COUNTY);
		long before = count();
		Map<String, String> outside = person(HonorFixtures.adultId());
		outside.put("onBehalf", "true");
		assertThat(submitJson(outside, users.staff(OTHER_COUNTY, Roles.OFFICE_STAFF)).getResponse().getStatus())
				.isEqualTo(403);
		assertThat(submitJson(outside, users.staff(VILLAGE, Roles.CITIZEN)).getResponse().getStatus()).isEqualTo(403);
		assertThat(count()).isEqualTo(before);
		// the staff form
		mvc.perform(get("/admin/honor/nominations/new").with(users.staff(COUNTY, Roles.SITE_ADMIN)))
				.andExpect(status().isOk()).andExpect(content().string(containsString("name=\"nominatorUnit\"")));
		MockMultipartHttpServletRequestBuilder form = multipart("/admin/honor/nominations/new");
		fields.put("nomineeIdNumber", HonorFixtures.adultId());
		fields.forEach((k, v) -> form.param(k, v));
		mvc.perform(form.with(users.staff(COUNTY, Roles.SITE_ADMIN)).with(csrf())).andExpect(status().isCreated());
	}

	// ---- the follow page ---------------------------------------------------------------------------------

	@Test
	void theNominatorFollowsAReturnAmendsResubmitsAndWithdraws() throws Exception {
		MvcResult result = submitJson(person(HonorFixtures.adultId()), users.staff(VILLAGE, Roles.CITIZEN));
		long id = idOf(result);
		String path = followPath(result);
		// the town returns it with a reason (what part B's vetting records)
		jdbc.sql("""
				insert into honor_vetting (nomination_id, level, office_region, decision, reason, decided_by, decided_at)
				values (:id, 'TOWN', '441202001', 'RETURN', :reason, 'town-office', now())""").param("id", id)
				.param("reason", "请补充获救老人家属的证明" + tag).update();
		jdbc.sql("update honor_nomination set status = 'RETURNED' where id = :id").param("id", id).update();
		mvc.perform(get(path)).andExpect(status().isOk())
				.andExpect(content().string(containsString("请补充获救老人家属的证明" + tag)))
				.andExpect(content().string(containsString("退回补充")))
				.andExpect(content().string(containsString("/amend")));
		// an empty story is refused, nothing changes
		mvc.perform(multipart(path + "/amend").param("title", "新标题").param("story", " ").with(csrf()))
				.andExpect(status().isBadRequest()).andExpect(content().string(containsString("id=\"story-error\"")));
		assertThat(jdbc.sql("select status from honor_nomination where id = :id").param("id", id).query(String.class)
				.single()).isEqualTo("RETURNED");
		mvc.perform(multipart(path + "/amend").param("title", "补充后的标题" + tag).param("story", "补充后的事迹")
				.file(new MockMultipartFile("evidence", "proof.pdf", "application/pdf", HonorFixtures.pdf(1)))
				.with(csrf())).andExpect(status().isOk());
		Map<String, Object> row = jdbc.sql("select status, vetting_level, title, story from honor_nomination where id = :id")
				.param("id", id).query().singleRow();
		assertThat(row).containsEntry("status", "SUBMITTED").containsEntry("vetting_level", "TOWN")
				.containsEntry("title", "补充后的标题" + tag).containsEntry("story", "补充后的事迹");
		assertThat(jdbc.sql("select count(*) from honor_evidence where nomination_id = :id").param("id", id)
				.query(Long.class).single()).isEqualTo(1);
		// not returned any more: amending again is a conflict
		mvc.perform(multipart(path + "/amend").param("title", "x标题").param("story", "x").with(csrf()))
				.andExpect(status().isConflict());
		mvc.perform(post(path + "/withdraw").with(csrf())).andExpect(status().isOk())
				.andExpect(content().string(containsString("已撤回")));
		assertThat(jdbc.sql("select status from honor_nomination where id = :id").param("id", id).query(String.class)
				.single()).isEqualTo("WITHDRAWN");
		mvc.perform(post(path + "/withdraw").with(csrf())).andExpect(status().isConflict());
		mvc.perform(post("/honor/follow/" + "B".repeat(32) + "/withdraw").with(csrf())).andExpect(status().isNotFound());
	}

	// ---- staff pages and scope ---------------------------------------------------------------------------

	@Test
	void staffSeeTheirScopeOnlyAndRevealWithAReasonAudited() throws Exception {
		String idNumber = HonorFixtures.adultId();
		MvcResult result = mvc.perform(form(idNumber)
				.file(new MockMultipartFile("evidence", "a.pdf", "application/pdf", HonorFixtures.pdf(1)))
				.with(users.staff(VILLAGE, Roles.CITIZEN)).with(csrf())).andExpect(status().isCreated()).andReturn();
		long id = jdbc.sql("select id from honor_nomination where title = :t order by id desc limit 1")
				.param("t", "冲进火场救出八旬老人" + tag).query(Long.class).single();
		long evidenceId = jdbc.sql("select id from honor_evidence where nomination_id = :id").param("id", id)
				.query(Long.class).single();
		assertThat(body(result)).contains("HR-");
		var office = users.staff(COUNTY, Roles.OFFICE_STAFF);
		mvc.perform(get("/admin/honor/nominations").with(office)).andExpect(status().isOk())
				.andExpect(content().string(containsString("李好人" + tag)));
		mvc.perform(get("/admin/honor/nominations").param("status", "SUBMITTED").param("category", "HELPING")
				.param("quarter", "2026Q4").with(office)).andExpect(status().isOk());
		mvc.perform(get("/admin/honor/nominations").param("quarter", "26Q9").with(office))
				.andExpect(status().isBadRequest());
		mvc.perform(get("/admin/honor/nominations/" + id).with(office)).andExpect(status().isOk())
				.andExpect(content().string(containsString(idNumber.substring(0, 4) + "**********")))
				.andExpect(content().string(not(containsString(idNumber))));
		mvc.perform(get("/admin/honor/nominations/" + id + "/evidence/" + evidenceId).with(office))
				.andExpect(status().isOk()).andExpect(content().contentType("application/pdf"));
		// a reveal needs a reason, and is recorded
		mvc.perform(post("/admin/honor/nominations/" + id + "/reveal").param("field", "NOMINEE_ID").param("reason", "短")
				.with(office).with(csrf())).andExpect(status().isBadRequest());
		mvc.perform(post("/admin/honor/nominations/" + id + "/reveal").param("field", "NOMINEE_ID")
				.param("reason", "核实被提名人身份以便上报").with(office).with(csrf())).andExpect(status().isOk())
				.andExpect(content().string(containsString(idNumber)));
		mvc.perform(post("/admin/honor/nominations/" + id + "/reveal").param("field", "NOMINATOR_MOBILE")
				.param("reason", "核实提名人联系方式").with(users.staff(COUNTY, Roles.SITE_ADMIN)).with(csrf()))
				.andExpect(status().isForbidden());
		assertThat(jdbc.sql("select outcome from honor_reveal where nomination_id = :id order by id").param("id", id)
				.query(String.class).list()).containsExactly("GRANTED", "REFUSED");
		// another county: not found, nothing revealed; a resident: forbidden; anonymous: sign in
		var other = users.staff(OTHER_COUNTY, Roles.OFFICE_STAFF);
		mvc.perform(get("/admin/honor/nominations").with(other)).andExpect(status().isOk())
				.andExpect(content().string(not(containsString("李好人" + tag))));
		mvc.perform(get("/admin/honor/nominations/" + id).with(other)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/honor/nominations/" + id).with(other)).andExpect(status().isNotFound());
		mvc.perform(get("/admin/honor/nominations/" + id + "/evidence/" + evidenceId).with(other))
				.andExpect(status().isNotFound());
		mvc.perform(post("/admin/honor/nominations/" + id + "/reveal").param("field", "NOMINEE_ID")
				.param("reason", "核实被提名人身份以便上报").with(other).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/admin/honor/nominations/" + id + "/consent/request").with(other).with(csrf()))
				.andExpect(status().isNotFound());
		mvc.perform(post("/admin/honor/nominations/" + id + "/consent/withdraw").param("reason", "本人电话要求撤回")
				.with(other).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(multipart("/admin/honor/nominations/" + id + "/evidence")
				.file(new MockMultipartFile("evidence", "a.pdf", "application/pdf", HonorFixtures.pdf(1))).with(other)
				.with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/admin/honor/nominations/" + id + "/portrait").param("evidenceId", String.valueOf(evidenceId))
				.with(other).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(multipart("/admin/honor/nominations/" + id + "/consent/paper").param("givenBy", "NOMINEE")
				.file(new MockMultipartFile("form", "f.pdf", "application/pdf", HonorFixtures.pdf(1))).with(other)
				.with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/honor/nominations/" + id + "/consent-requests").with(other).with(csrf()))
				.andExpect(status().isNotFound());
		assertThat(jdbc.sql("select count(*) from honor_evidence where nomination_id = :id").param("id", id)
				.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from honor_consent where nomination_id = :id").param("id", id)
				.query(Long.class).single()).isZero();
		mvc.perform(get("/admin/honor/nominations/" + id).with(users.staff(VILLAGE, Roles.CITIZEN)))
				.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/honor/nominations").with(users.staff(VILLAGE, Roles.VOLUNTEER)))
				.andExpect(status().isForbidden());
		mvc.perform(get("/admin/honor/nominations/" + id)).andExpect(status().is3xxRedirection());
		mvc.perform(get("/admin/honor/nominations/" + id + "/evidence/" + evidenceId)).andExpect(status().is3xxRedirection());
		// the evidence is never public
		mvc.perform(get("/honor/photos/" + evidenceId)).andExpect(status().isNotFound());
		assertThat(jdbc.sql("select count(*) from honor_reveal where nomination_id = :id").param("id", id)
				.query(Long.class).single()).isEqualTo(2);
		assertThat(DataScope.EVERYTHING.covers("4412.")).isTrue();
	}
}
