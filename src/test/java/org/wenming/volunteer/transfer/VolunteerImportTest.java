package org.wenming.volunteer.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteers;

import com.jayway.jsonpath.JsonPath;

/**
 * Bulk import through the API and the pages, against the real database: all or nothing, every
 * problem named by row, column and rule, duplicates in the file and in the database, encodings,
 * hostile files and values, scope, and a load that fails half-way.
 */
@WenmingTest
class VolunteerImportTest {

	static final String DUANZHOU_VILLAGE = "441202001002";

	static final String DINGHU_VILLAGE = "441203001001";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Volunteers volunteers;

	@Autowired
	VolunteerImports imports;

	@Autowired
	ImportJobs jobs;

	RequestPostProcessor duanzhou() {
		return new TestUsers(regions).staff("441202", Roles.OFFICE_STAFF);
	}

	java.util.function.LongPredicate bulkLoadPolicy;

	@org.junit.jupiter.api.BeforeEach
	void rememberPolicy() {
		bulkLoadPolicy = imports.bulkLoad;
	}

	@AfterEach
	void noFaults() {
		imports.polling = true;
		imports.beforeInsert = job -> {
		};
		imports.bulkLoad = bulkLoadPolicy;
	}

	long volunteerCount() {
		return jdbc.sql("select count(*) from volunteer").query(Long.class).single();
	}

	/** Uploads through the API and waits for the job to finish. */
	ImportJob upload(byte[] content, String fileName, RequestPostProcessor user) throws Exception {
		MvcResult result = mvc.perform(multipart("/api/v1/admin/volunteers/import")
			.file(new MockMultipartFile("file", fileName, "application/octet-stream", content)).with(csrf()).with(user))
			.andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(202);
		long id = ((Number) JsonPath.read(result.getResponse().getContentAsString(), "$.id")).longValue();
		return finished(id);
	}

	ImportJob finished(long id) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			ImportJob job = jobs.find(id).orElseThrow();
			if (job.finished()) {
				return job;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("import job " + id + " did not finish");
	}

	List<CSVRecord> report(ImportJob job, RequestPostProcessor user) throws Exception {
		MvcResult result = mvc.perform(get("/admin/volunteers/import/" + job.id() + "/errors.csv").with(user))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getHeader("Content-Disposition")).startsWith("attachment");
		String text = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFF行号,列,值,规则");
		return CSVFormat.RFC4180.parse(new StringReader(text.substring(1))).getRecords().stream().skip(1).toList();
	}

	@Test
	void aGoodFileImportsEveryRow() throws Exception {
		List<List<String>> rows = ImportFiles.rows(DUANZHOU_VILLAGE, 120);
		long before = volunteerCount();
		ImportJob job = upload(ImportFiles.csv(rows), "good.csv", duanzhou());
		assertThat(job.status()).isEqualTo(ImportJob.Status.DONE);
		assertThat(job.imported()).isEqualTo(120);
		assertThat(job.rowsRead()).isEqualTo(120);
		assertThat(volunteerCount()).isEqualTo(before + 120);
		String name = ImportFiles.get(rows.get(7), ImportColumn.REAL_NAME);
		String id = ImportFiles.get(rows.get(7), ImportColumn.ID_NUMBER);
		var stored = jdbc.sql("""
				select real_name, id_number_masked, phone_masked, region_code, skills, registered_by, consent_version,
				       volunteer_number
				from volunteer v where import_job_id = :job and id_number_masked = :masked and real_name = :name""")
			.param("job", job.id()).param("masked", id.substring(0, 4) + "**********" + id.substring(14))
			.param("name", name).query().singleRow();
		assertThat(stored.get("region_code")).isEqualTo(DUANZHOU_VILLAGE);
		assertThat(stored.get("registered_by")).isEqualTo("test-441202");
		assertThat(stored.get("consent_version")).isEqualTo("2026-01");
		assertThat((String) stored.get("volunteer_number")).matches("4412[2-9A-Z]{8}");
		assertThat(jdbc.sql("select count(distinct volunteer_number) from volunteer where import_job_id = :job")
			.param("job", job.id()).query(Long.class).single()).isEqualTo(120L);
		// the stored ciphertext decrypts to the number in the file (found by its keyed hash)
		assertThat(volunteers.search(new org.wenming.volunteer.VolunteerQuery(name, null, null, null, null, null, null,
				org.wenming.volunteer.VolunteerQuery.Sort.NAME, 0, 20), new TestUsers(regions)
			.staffPrincipal("441202", Roles.OFFICE_STAFF)).items()).extracting(v -> v.realName()).contains(name);
		// the upload and the staging rows are gone; no report for a clean file
		assertThat(job.hasReport()).isFalse();
	}

	@Test
	void oneBadRowAmongManyImportsNothingAndIsReported() throws Exception {
		List<List<String>> rows = ImportFiles.rows(DUANZHOU_VILLAGE, 200);
		String id = ImportFiles.get(rows.get(136), ImportColumn.ID_NUMBER);
		char wrong = id.charAt(17) == '1' ? '2' : '1';
		ImportFiles.set(rows.get(136), ImportColumn.ID_NUMBER, id.substring(0, 17) + wrong);
		long before = volunteerCount();
		ImportJob job = upload(ImportFiles.csv(rows), "one-bad.csv", duanzhou());
		assertThat(job.status()).isEqualTo(ImportJob.Status.REFUSED);
		assertThat(job.errorsCount()).isEqualTo(1);
		assertThat(job.imported()).isZero();
		assertThat(volunteerCount()).isEqualTo(before);
		List<CSVRecord> report = report(job, duanzhou());
		assertThat(report).hasSize(1);
		// data row 137 is spreadsheet row 138 (the header is row 1)
		assertThat(report.get(0).get(0)).isEqualTo("138");
		assertThat(report.get(0).get(1)).isEqualTo("证件号码");
		assertThat(report.get(0).get(2)).isEqualTo(id.substring(0, 4) + "**********" + id.substring(14, 17) + wrong);
		assertThat(report.get(0).get(3)).contains("校验");
	}

	@Test
	void problemsAreReportedInFileOrderAcrossTheChunksCheckedInParallel() throws Exception {
		List<List<String>> rows = ImportFiles.rows(DUANZHOU_VILLAGE, 1_600);
		ImportFiles.set(rows.get(9), ImportColumn.PHONE, "12345");
		ImportFiles.set(rows.get(699), ImportColumn.PHONE, "12345");
		// data row 1,500 repeats data row 3, several chunks earlier
		ImportFiles.set(rows.get(1_499), ImportColumn.ID_NUMBER, ImportFiles.get(rows.get(2), ImportColumn.ID_NUMBER));
		ImportFiles.set(rows.get(1_599), ImportColumn.PHONE, "12345");
		ImportJob job = upload(ImportFiles.csv(rows), "order.csv", duanzhou());
		assertThat(job.status()).isEqualTo(ImportJob.Status.REFUSED);
		assertThat(job.rowsRead()).isEqualTo(1_600);
		assertThat(job.errorsCount()).isEqualTo(4);
		assertThat(report(job, duanzhou())).extracting(r -> r.get(0) + " " + r.get(1))
			.containsExactly("11 手机号码", "701 手机号码", "1501 证件号码", "1601 手机号码");
		assertThat(report(job, duanzhou()).get(2).get(3)).contains("第 4 行");
	}

	@Test
	void duplicatesInTheFileAndInTheDatabaseAreCaught() throws Exception {
		List<List<String>> rows = ImportFiles.rows(DUANZHOU_VILLAGE, 10);
		// row 5 repeats row 2's ID (written differently: lower-case x, full-width digits are the same person)
		String first = ImportFiles.get(rows.get(0), ImportColumn.ID_NUMBER);
		ImportFiles.set(rows.get(3), ImportColumn.ID_NUMBER, " " + first + " ");
		// row 8 is already registered
		String registered = TestVolunteers.residentId("441202");
		volunteers.registerByStaff(TestVolunteers.draft(TestVolunteers.name(), registered, TestVolunteers.mobile(),
				DUANZHOU_VILLAGE), new TestUsers(regions).staffPrincipal("4412", Roles.OFFICE_STAFF));
		ImportFiles.set(rows.get(6), ImportColumn.ID_NUMBER, registered);
		long before = volunteerCount();
		ImportJob job = upload(ImportFiles.csv(rows), "dupes.csv", duanzhou());
		assertThat(job.status()).isEqualTo(ImportJob.Status.REFUSED);
		assertThat(volunteerCount()).isEqualTo(before);
		List<CSVRecord> report = report(job, duanzhou());
		assertThat(report).extracting(r -> r.get(0) + " " + r.get(1) + " " + r.get(3))
			.containsExactlyInAnyOrder("5 证件号码 与文件中第 2 行的证件号码重复。", "8 证件号码 系统中已有用此证件登记的志愿者。");
	}

	@Test
	void everyKindOfBadValueIsReportedByRowColumnAndRule() throws Exception {
		List<String[]> hostile = List.of(
				new String[] { "REAL_NAME", "<script>alert(1)</script>" },
				new String[] { "REAL_NAME", "张三😀" },
				new String[] { "REAL_NAME", "Zhаng" /* Cyrillic а */ },
				new String[] { "REAL_NAME", "张".repeat(600) },
				new String[] { "ID_TYPE", "驾驶证" },
				new String[] { "ID_NUMBER", "44120219900101001\u0000" },
				new String[] { "PHONE", "1390000000" },
				new String[] { "PHONE", "=1+2" },
				new String[] { "GENDER", "未知" },
				new String[] { "BIRTH_DATE", "1990-02-30" },
				new String[] { "REGION_CODE", "441299999999" },
				new String[] { "REGION_CODE", "'; drop table volunteer; --" },
				new String[] { "SKILLS", "飞行" },
				new String[] { "AVAILABILITY", "周末\u0007" },
				new String[] { "AVAILABILITY", "<b>周末</b>" },
				new String[] { "EMERGENCY_PHONE", "１３９abc" },
				new String[] { "CONSENT", "" },
				new String[] { "CONSENT", "version 2026 with spaces" });
		List<List<String>> rows = new ArrayList<>();
		for (String[] bad : hostile) {
			List<String> row = ImportFiles.row(DUANZHOU_VILLAGE);
			ImportFiles.set(row, ImportColumn.valueOf(bad[0]), bad[1]);
			rows.add(row);
		}
		rows.add(ImportFiles.row(DUANZHOU_VILLAGE));
		long before = volunteerCount();
		ImportJob job = upload(ImportFiles.csv(rows), "hostile.csv", duanzhou());
		assertThat(job.status()).isEqualTo(ImportJob.Status.REFUSED);
		assertThat(job.errorsCount()).isEqualTo(hostile.size());
		assertThat(volunteerCount()).isEqualTo(before);
		List<CSVRecord> report = report(job, duanzhou());
		for (int i = 0; i < hostile.size(); i++) {
			String row = String.valueOf(i + 2);
			String header = ImportColumn.valueOf(hostile.get(i)[0]).header();
			assertThat(report).as("row %s %s", row, header)
				.anySatisfy(r -> {
					assertThat(r.get(0)).isEqualTo(row);
					assertThat(r.get(1)).isEqualTo(header);
					assertThat(r.get(3)).isNotBlank().doesNotStartWith("volunteer.");
				});
		}
		String text = report.toString();
		assertThat(text).doesNotContain("\u0000").doesNotContain("\u0007").doesNotContain("=1+2");
	}

	@Test
	void gbkCsvFromExcelIsReadCorrectly() throws Exception {
		List<List<String>> rows = ImportFiles.rows(DUANZHOU_VILLAGE, 5);
		ImportFiles.set(rows.get(2), ImportColumn.REAL_NAME, "欧阳修");
		ImportJob job = upload(ImportFiles.csv(rows, Charset.forName("GBK")), "gbk.csv", duanzhou());
		assertThat(job.status()).isEqualTo(ImportJob.Status.DONE);
		assertThat(jdbc.sql("select count(*) from volunteer where import_job_id = :job and real_name = '欧阳修' and name_initials = 'oyx'")
			.param("job", job.id()).query(Long.class).single()).isEqualTo(1L);
	}

	@Test
	void anXlsxFileImports() throws Exception {
		ImportJob job = upload(ImportFiles.xlsx(ImportFiles.rows(DUANZHOU_VILLAGE, 30)), "good.xlsx", duanzhou());
		assertThat(job.status()).isEqualTo(ImportJob.Status.DONE);
		assertThat(job.imported()).isEqualTo(30);
	}

	@Test
	void filesThatAreNotWhatTheyClaimAreRefusedWithAClearMessage() throws Exception {
		long before = volunteerCount();
		ImportJob html = upload("<!DOCTYPE html><html><body>404</body></html>".getBytes(StandardCharsets.UTF_8),
				"volunteers.xlsx", duanzhou());
		assertThat(html.status()).isEqualTo(ImportJob.Status.REFUSED);
		assertThat(html.problem()).isEqualTo("volunteer.import.refused.markup");
		ImportJob bomb = upload(ImportFiles.zipBomb(300L << 20), "bomb.xlsx", duanzhou());
		assertThat(bomb.problem()).isEqualTo("volunteer.import.refused.zipBomb");
		String json = mvc.perform(get("/api/v1/admin/volunteers/import/" + bomb.id()).with(duanzhou())).andReturn()
			.getResponse().getContentAsString();
		assertThat((String) JsonPath.read(json, "$.problem")).contains("解压后过大");
		ImportJob columns = upload("姓名,手机号码\n张三,13900000000\n".getBytes(StandardCharsets.UTF_8), "short.csv",
				duanzhou());
		assertThat(columns.problem()).isEqualTo("volunteer.import.refused.missingColumn");
		assertThat(columns.problemDetail()).isEqualTo("证件类型");
		assertThat(volunteerCount()).isEqualTo(before);
	}

	@Test
	void aCountyOfficeCannotImportIntoAnotherCountyNorSeeItsJobs() throws Exception {
		List<List<String>> rows = ImportFiles.rows(DUANZHOU_VILLAGE, 5);
		ImportFiles.set(rows.get(3), ImportColumn.REGION_CODE, DINGHU_VILLAGE);
		long before = volunteerCount();
		ImportJob job = upload(ImportFiles.csv(rows), "scope.csv", duanzhou());
		assertThat(job.status()).isEqualTo(ImportJob.Status.REFUSED);
		assertThat(volunteerCount()).isEqualTo(before);
		assertThat(report(job, duanzhou())).extracting(r -> r.get(0) + " " + r.get(1) + " " + r.get(3))
			.containsExactly("5 所属地区代码 这个地区不在您的管理范围内。");
		RequestPostProcessor dinghu = new TestUsers(regions).staff("441203", Roles.OFFICE_STAFF);
		assertThat(mvc.perform(get("/admin/volunteers/import/" + job.id()).with(dinghu)).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/admin/volunteers/import/" + job.id() + "/errors.csv").with(dinghu)).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/api/v1/admin/volunteers/import/" + job.id()).with(dinghu)).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
		// the city office sees it
		assertThat(mvc.perform(get("/admin/volunteers/import/" + job.id())
			.with(new TestUsers(regions).staff("4412", Roles.OFFICE_STAFF))).andReturn().getResponse().getStatus())
			.isEqualTo(200);
		// a site admin may not import at all
		assertThat(mvc.perform(multipart("/api/v1/admin/volunteers/import")
			.file(new MockMultipartFile("file", "x.csv", "text/csv", ImportFiles.csv(rows))).with(csrf())
			.with(new TestUsers(regions).staff("441202", Roles.SITE_ADMIN))).andReturn().getResponse().getStatus())
			.isEqualTo(403);
	}

	@Test
	void aLoadFailingHalfWayLeavesTheDatabaseAsItWas() throws Exception {
		long before = volunteerCount();
		long history = jdbc.sql("select count(*) from volunteer_history").query(Long.class).single();
		imports.beforeInsert = job -> {
			throw new IllegalStateException("simulated crash after the COPY");
		};
		ImportJob job = upload(ImportFiles.csv(ImportFiles.rows(DUANZHOU_VILLAGE, 50)), "crash.csv", duanzhou());
		assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
		assertThat(volunteerCount()).isEqualTo(before);
		assertThat(jdbc.sql("select count(*) from volunteer_history").query(Long.class).single()).isEqualTo(history);
	}

	@Test
	void aDuplicateRegisteredDuringTheLoadRollsEverythingBack() throws Exception {
		List<List<String>> rows = ImportFiles.rows(DUANZHOU_VILLAGE, 50);
		String id = ImportFiles.get(rows.get(31), ImportColumn.ID_NUMBER);
		imports.beforeInsert = job -> volunteers.registerByStaff(TestVolunteers.draft(TestVolunteers.name(), id,
				TestVolunteers.mobile(), DUANZHOU_VILLAGE), new TestUsers(regions).staffPrincipal("4412",
						Roles.OFFICE_STAFF));
		long before = volunteerCount();
		ImportJob job = upload(ImportFiles.csv(rows), "race.csv", duanzhou());
		assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
		assertThat(job.problem()).isEqualTo("volunteer.import.failed.duplicate");
		// only the concurrent registration is there
		assertThat(volunteerCount()).isEqualTo(before + 1);
		assertThat(jdbc.sql("select count(*) from volunteer where import_job_id = :job").param("job", job.id())
			.query(Long.class).single()).isZero();
	}

	/** The volunteer table's indexes and unique constraints, as PostgreSQL would write them. */
	List<String> indexDefinitions() {
		return jdbc.sql("""
				select indexname || ': ' || indexdef from pg_indexes where tablename = 'volunteer'
				union all
				select conname || ': ' || pg_get_constraintdef(oid) from pg_constraint
				where conrelid = 'volunteer'::regclass
				order by 1""").query(String.class).list();
	}

	@Test
	void aFirstMigrationBuildsTheIndexesOnceAndLeavesThemAsTheyWere() throws Exception {
		List<String> before = indexDefinitions();
		assertThat(before).anyMatch(d -> d.startsWith("volunteer_initials_idx"))
			.anyMatch(d -> d.contains("UNIQUE (id_type, id_number_hash)"));
		imports.bulkLoad = rows -> true;
		List<List<String>> rows = ImportFiles.rows(DUANZHOU_VILLAGE, 80);
		long count = volunteerCount();
		ImportJob job = upload(ImportFiles.csv(rows), "first-migration.csv", duanzhou());
		assertThat(job.status()).isEqualTo(ImportJob.Status.DONE);
		assertThat(volunteerCount()).isEqualTo(count + 80);
		assertThat(indexDefinitions()).isEqualTo(before);
		// the rebuilt unique index is in force: the same person cannot be registered again
		String id = ImportFiles.get(rows.get(3), ImportColumn.ID_NUMBER);
		assertThat(jdbc.sql("select count(*) from volunteer where import_job_id = :job")
			.param("job", job.id()).query(Long.class).single()).isEqualTo(80L);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> volunteers.registerByStaff(
				TestVolunteers.draft(TestVolunteers.name(), id, TestVolunteers.mobile(), DUANZHOU_VILLAGE),
				new TestUsers(regions).staffPrincipal("4412", Roles.OFFICE_STAFF)))
			.isInstanceOf(org.wenming.volunteer.VolunteerRefusedException.class);
	}

	@Test
	void aDuplicateFoundWhileBuildingTheIndexesRollsBackToTheTableAsItWas() throws Exception {
		List<String> before = indexDefinitions();
		imports.bulkLoad = rows -> true;
		List<List<String>> rows = ImportFiles.rows(DUANZHOU_VILLAGE, 40);
		String id = ImportFiles.get(rows.get(17), ImportColumn.ID_NUMBER);
		imports.beforeInsert = job -> volunteers.registerByStaff(TestVolunteers.draft(TestVolunteers.name(), id,
				TestVolunteers.mobile(), DUANZHOU_VILLAGE), new TestUsers(regions).staffPrincipal("4412",
						Roles.OFFICE_STAFF));
		long count = volunteerCount();
		ImportJob job = upload(ImportFiles.csv(rows), "race-bulk.csv", duanzhou());
		assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
		assertThat(job.problem()).isEqualTo("volunteer.import.failed.duplicate");
		assertThat(volunteerCount()).isEqualTo(count + 1);
		assertThat(indexDefinitions()).isEqualTo(before);
	}

	@Test
	void theJobPageShowsProgressAndResult() throws Exception {
		List<List<String>> rows = ImportFiles.rows(DUANZHOU_VILLAGE, 3);
		ImportFiles.set(rows.get(1), ImportColumn.PHONE, "12345");
		MvcResult posted = mvc.perform(multipart("/admin/volunteers/import")
			.file(new MockMultipartFile("file", "page.csv", "text/csv", ImportFiles.csv(rows))).with(csrf())
			.with(duanzhou())).andReturn();
		assertThat(posted.getResponse().getStatus()).isEqualTo(302);
		String location = posted.getResponse().getRedirectedUrl();
		assertThat(location).matches("/admin/volunteers/import/\\d+");
		ImportJob job = finished(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)));
		String page = mvc.perform(get(location).with(duanzhou())).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("page.csv").contains("未导入").contains("/admin/volunteers/import/" + job.id() + "/errors.csv")
			.doesNotContain("hx-trigger");
		String fragment = mvc.perform(get(location).header("HX-Request", "true").with(duanzhou())).andReturn()
			.getResponse().getContentAsString();
		assertThat(fragment).contains("id=\"import-status\"").doesNotContain("<html");
		// while a job runs, the fragment polls every 2 s (a row without its upload: held from the workers)
		imports.polling = false;
		long queued = jobs.create(jobs.nextId(), new TestUsers(regions).staffPrincipal("441202", Roles.OFFICE_STAFF),
				"waiting.csv", "zh-CN", java.time.OffsetDateTime.now(), null);
		String running = mvc.perform(get("/admin/volunteers/import/" + queued).with(duanzhou())).andReturn()
			.getResponse().getContentAsString();
		assertThat(running).contains("hx-trigger=\"every 2s\"").contains("排队中");
		// the form page lists it
		assertThat(mvc.perform(get("/admin/volunteers/import").with(duanzhou())).andReturn().getResponse()
			.getContentAsString()).contains("page.csv");
	}

	@Test
	void inTheElderlyModeARunningJobDoesNotPollButOffersARefresh() throws Exception {
		imports.polling = false;
		long queued = jobs.create(jobs.nextId(), new TestUsers(regions).staffPrincipal("441202", Roles.OFFICE_STAFF),
				"care.csv", "zh-CN", java.time.OffsetDateTime.now(), null);
		String running = mvc.perform(get("/admin/volunteers/import/" + queued).with(duanzhou())
			.cookie(new jakarta.servlet.http.Cookie("wenming-care", "on"))).andReturn().getResponse().getContentAsString();
		assertThat(running).contains("class=\"care\"").contains("排队中").doesNotContain("hx-trigger")
			.contains("<a href=\"/admin/volunteers/import/" + queued + "\">刷新</a>");
	}

	@Test
	void anEmptyUploadIsA400NamingTheField() throws Exception {
		MvcResult result = mvc.perform(multipart("/api/v1/admin/volunteers/import")
			.file(new MockMultipartFile("file", "empty.csv", "text/csv", new byte[0])).with(csrf()).with(duanzhou()))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		assertThat(result.getResponse().getContentAsString()).contains("\"field\":\"file\"");
	}

	@Test
	void theTemplatesCarryTheHeadersAndAnExampleThatPassesTheRules() throws Exception {
		MvcResult csv = mvc.perform(get("/admin/volunteers/import/template.csv").with(duanzhou())).andReturn();
		String text = new String(csv.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFF姓名,证件类型,证件号码,手机号码");
		assertThat(text).contains("测试样例");
		MvcResult xlsx = mvc.perform(get("/admin/volunteers/import/template.xlsx").with(duanzhou())).andReturn();
		assertThat(xlsx.getResponse().getContentAsByteArray()).startsWith('P', 'K', 3, 4);
		ImportLayout layout = ImportLayout.of(ImportTemplate.headers(), volunteers.skills());
		var checked = volunteers.check(layout.read(ImportTemplate.example()).draft());
		assertThat(checked.problems()).isEmpty();
	}
}
