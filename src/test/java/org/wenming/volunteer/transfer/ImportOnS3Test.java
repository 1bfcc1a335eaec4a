package org.wenming.volunteer.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.S3ProxyServer;
import org.wenming.platform.ObjectStore;
import org.wenming.platform.S3Stores;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

import com.jayway.jsonpath.JsonPath;

/**
 * The bulk import with its uploads and error reports in an S3 bucket (S3Proxy), end to end through the
 * API and the pages, and with the bucket gone for a while: an upload is refused with 503 and a
 * Retry-After and leaves no job; a job whose upload cannot be fetched fails, keeps it, and runs again.
 */
@WenmingTest
class ImportOnS3Test {

	static final String COUNTY = "441223";

	static final String VILLAGE = "441223100002";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	ImportJobs jobs;

	@Autowired
	VolunteerImports imports;

	@BeforeAll
	static void theBucket() {
		S3ProxyServer.start();
	}

	ObjectStore localStore;

	@org.junit.jupiter.api.BeforeEach
	void filesInTheBucket() {
		localStore = imports.useStore(S3Stores.area("imports"));
	}

	@AfterEach
	void theStoreIsBack() {
		S3ProxyServer.start();
		imports.useStore(localStore);
		imports.polling = true;
	}

	RequestPostProcessor staff() {
		return new TestUsers(regions).staff(COUNTY, Roles.OFFICE_STAFF);
	}

	MvcResult upload(byte[] content) throws Exception {
		return mvc.perform(multipart("/api/v1/admin/volunteers/import")
			.file(new MockMultipartFile("file", "s3.csv", "text/csv", content)).with(csrf()).with(staff())).andReturn();
	}

	long accepted(MvcResult result) throws Exception {
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(202);
		return ((Number) JsonPath.read(result.getResponse().getContentAsString(), "$.id")).longValue();
	}

	ImportJob finished(long id) {
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(id).orElseThrow().finished());
		return jobs.find(id).orElseThrow();
	}

	/** The worker deletes a settled job's upload just after the job's final state commits. */
	void uploadGone(long id) {
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !jobs.find(id).orElseThrow().uploadKept());
		assertThat(S3ProxyServer.count("app/imports/" + id + "/upload")).isZero();
	}

	long rowsOf(long job) {
		return jdbc.sql("select count(*) from volunteer where import_job_id = :job").param("job", job).query(Long.class)
			.single();
	}

	@Test
	void aCleanFileIsImportedAndABadOnesReportIsKeptInTheBucket() throws Exception {
		long done = accepted(upload(ImportFiles.csv(ImportFiles.rows(VILLAGE, 25))));
		assertThat(finished(done).status()).isEqualTo(ImportJob.Status.DONE);
		assertThat(rowsOf(done)).isEqualTo(25);
		// the upload's personal data is gone from the bucket once the job is done
		uploadGone(done);
		assertThat(S3ProxyServer.count("app/imports/" + done + "/")).isZero();

		List<List<String>> rows = ImportFiles.rows(VILLAGE, 6);
		ImportFiles.set(rows.get(3), ImportColumn.ID_NUMBER, "not-an-id");
		long refused = accepted(upload(ImportFiles.csv(rows)));
		ImportJob job = finished(refused);
		assertThat(job.status()).isEqualTo(ImportJob.Status.REFUSED);
		assertThat(job.hasReport()).isTrue();
		assertThat(S3ProxyServer.count("app/imports/" + refused + "/errors.csv")).isEqualTo(1);
		uploadGone(refused);
		MvcResult report = mvc.perform(get("/admin/volunteers/import/" + refused + "/errors.csv").with(staff()))
			.andReturn();
		assertThat(report.getResponse().getStatus()).isEqualTo(200);
		assertThat(report.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("证件号码");
	}

	@Test
	void whileTheStoreIsDownAnUploadIsRefusedWith503AndLeavesNoJob() throws Exception {
		List<List<String>> rows = ImportFiles.rows(VILLAGE, 4);
		ImportFiles.set(rows.get(1), ImportColumn.ID_NUMBER, "bad");
		long refused = accepted(upload(ImportFiles.csv(rows)));
		assertThat(finished(refused).status()).isEqualTo(ImportJob.Status.REFUSED);
		long jobsBefore = jdbc.sql("select count(*) from import_job").query(Long.class).single();

		S3ProxyServer.stop();
		byte[] file = ImportFiles.csv(ImportFiles.rows(VILLAGE, 10));
		MvcResult api = upload(file);
		assertThat(api.getResponse().getStatus()).isEqualTo(503);
		assertThat(api.getResponse().getHeader("Retry-After")).isEqualTo(String.valueOf(S3Stores.RETRY_AFTER.toSeconds()));
		assertThat(api.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat((Integer) JsonPath.read(api.getResponse().getContentAsString(), "$.status")).isEqualTo(503);
		MvcResult page = mvc.perform(multipart("/admin/volunteers/import")
			.file(new MockMultipartFile("file", "s3.csv", "text/csv", file)).with(csrf()).with(staff())).andReturn();
		assertThat(page.getResponse().getStatus()).isEqualTo(503);
		assertThat(page.getResponse().getHeader("Retry-After")).isEqualTo(String.valueOf(S3Stores.RETRY_AFTER.toSeconds()));
		MvcResult report = mvc.perform(get("/admin/volunteers/import/" + refused + "/errors.csv").with(staff()))
			.andReturn();
		assertThat(report.getResponse().getStatus()).isEqualTo(503);
		// no job without its upload
		assertThat(jdbc.sql("select count(*) from import_job").query(Long.class).single()).isEqualTo(jobsBefore);

		S3ProxyServer.start();
		long after = accepted(upload(file));
		assertThat(finished(after).status()).isEqualTo(ImportJob.Status.DONE);
		assertThat(rowsOf(after)).isEqualTo(10);
	}

	@Test
	void aJobWhoseUploadCannotBeFetchedFailsKeepsItAndRunsAgainOnceTheStoreIsBack() throws Exception {
		imports.polling = false;
		imports.wake();
		long id = accepted(upload(ImportFiles.csv(ImportFiles.rows(VILLAGE, 15))));
		S3ProxyServer.stop();
		assertThat(imports.runNext("node-s3")).isTrue();
		ImportJob failed = jobs.find(id).orElseThrow();
		assertThat(failed.status()).isEqualTo(ImportJob.Status.FAILED);
		assertThat(failed.problem()).isEqualTo("volunteer.import.failed");
		assertThat(rowsOf(id)).isZero();
		assertThat(failed.canRunAgain()).isTrue();

		S3ProxyServer.start();
		imports.polling = true;
		MvcResult again = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/api/v1/admin/volunteers/import/" + id + "/run-again").with(csrf()).with(staff())).andReturn();
		assertThat(again.getResponse().getStatus()).isEqualTo(202);
		ImportJob done = finished(id);
		assertThat(done.status()).isEqualTo(ImportJob.Status.DONE);
		assertThat(done.attempts()).isEqualTo(2);
		assertThat(rowsOf(id)).isEqualTo(15);
		uploadGone(id);
	}
}
