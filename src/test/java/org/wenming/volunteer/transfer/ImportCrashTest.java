package org.wenming.volunteer.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.wenming.insight.InsightAggregates;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

import com.jayway.jsonpath.JsonPath;

/**
 * A server killed during an import, at each step of the load, then started again: the job tells the
 * truth (DONE with the count when the load committed, else INTERRUPTED with nothing imported and its
 * upload kept to run again), the rows are all there or none, and the dashboards' aggregates equal a recount.
 *
 * <p>The kill: the load's thread is held at the step and its PostgreSQL session is ended with
 * {@code pg_terminate_backend}, then the start-up settling runs. For the database that is what a
 * {@code kill -9} of the server does: the operating system closes the dead process's sockets, its
 * sessions end, their open transactions roll back and their locks go; what was committed stays. The
 * held thread stands for the dead process: it writes nothing more until the test has checked
 * everything (when released it finds its session gone, and its late writes change no settled job).
 * Only the start-up of a new context is skipped, and the settling is what that start-up runs.
 */
@WenmingTest
class ImportCrashTest {

	/** 德庆县: no other test puts volunteers, activities or cases there, so its aggregates are this test's alone. */
	static final String COUNTY = "441226";

	/** 六冲村 in 德庆县. */
	static final String VILLAGE = "441226114214";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	VolunteerImports imports;

	@Autowired
	InterruptedImports settling;

	@Autowired
	ImportJobs jobs;

	@Autowired
	InsightAggregates aggregates;

	LongPredicate bulkLoadPolicy;

	Crash crash;

	@BeforeEach
	void rememberPolicy() {
		bulkLoadPolicy = imports.bulkLoad;
	}

	@AfterEach
	void releaseTheLoad() {
		if (crash != null) {
			crash.close();
		}
		imports.bulkLoad = bulkLoadPolicy;
	}

	ScopedUser importer() {
		return new TestUsers(regions).staffPrincipal(COUNTY, Roles.OFFICE_STAFF);
	}

	/** Holds the load at a step; ends its database session there as a killed server's is ended. */
	final class Crash implements AutoCloseable {

		final CountDownLatch reached = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		volatile long job;

		volatile int backend;

		Crash(VolunteerImports.Step at) {
			imports.steps = (step, id, pid) -> {
				if (step == at && reached.getCount() > 0) {
					job = id;
					backend = pid;
					reached.countDown();
					try {
						release.await(120, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			};
		}

		/** Uploads the file and waits until its load is at the step. */
		long submit(byte[] file) throws Exception {
			imports.submit(f -> Files.write(f, file), "crash.csv", importer(), Locale.CHINA);
			assertThat(reached.await(90, TimeUnit.SECONDS)).as("the load reached the step").isTrue();
			return job;
		}

		/** The kill: the load's session ends and its transaction rolls back; waits until it is gone. */
		void kill() {
			assertThat(jdbc.sql("select pg_terminate_backend(:pid, 30000)").param("pid", backend).query(Boolean.class)
				.single()).isTrue();
		}

		@Override
		public void close() {
			imports.steps = (step, id, pid) -> {
			};
			release.countDown();
		}
	}

	ImportJob job(long id) {
		return jobs.find(id).orElseThrow();
	}

	long rowsOf(long job) {
		return jdbc.sql("select count(*) from volunteer where import_job_id = :job").param("job", job).query(Long.class)
			.single();
	}

	/** Publications of the job's VolunteersRegistered in Spring Modulith's registry, completed or not. */
	long publicationsOf(long job) {
		return jdbc.sql("""
				select count(*) from event_publication
				where event_type = 'org.wenming.volunteer.VolunteersRegistered' and serialized_event like :key""")
			.param("key", "%\"import:" + job + "\"%").query(Long.class).single();
	}

	/**
	 * {@code insight check} over the county's regions (once the events in flight are applied): the
	 * maintained aggregates equal a recount. Other tests write raw rows elsewhere in the shared
	 * database without their events, so the rest of the check is theirs.
	 */
	void aggregatesEqualARecount() {
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(aggregates.check()).filteredOn(d -> d.aggregate().split(", ")[1].startsWith(COUNTY))
				.isEmpty());
	}

	/** The county's registered volunteers as the dashboards maintain them. */
	long registeredInTheCounty() {
		return jdbc.sql("""
				select coalesce(sum(value), 0)::bigint from insight_cell
				where metric = 'VOLUNTEERS_REGISTERED' and region_code = :county""").param("county", COUNTY)
			.query(Long.class).single();
	}

	void assertInterrupted(long id) throws Exception {
		ImportJob job = job(id);
		assertThat(job.status()).isEqualTo(ImportJob.Status.INTERRUPTED);
		assertThat(job.imported()).isZero();
		assertThat(job.problem()).isEqualTo("volunteer.import.interrupted.kept");
		assertThat(job.finishedAt()).isNotNull();
		assertThat(rowsOf(id)).isZero();
		assertThat(publicationsOf(id)).isZero();
		// kept, so that it can run again
		assertThat(imports.uploadStored(id)).isTrue();
		assertThat(job.canRunAgain()).isTrue();
		aggregatesEqualARecount();
	}

	@Test
	void killedAfterValidationTheJobIsInterruptedAndTheFileCanBeImportedAgain() throws Exception {
		byte[] file = ImportFiles.csv(ImportFiles.rows(VILLAGE, 40));
		crash = new Crash(VolunteerImports.Step.VALIDATED);
		long id = crash.submit(file);
		assertThat(job(id).status()).isEqualTo(ImportJob.Status.IMPORTING);
		assertThat(job(id).claimedBy()).isEqualTo(imports.node());
		assertThat(job(id).attempts()).isEqualTo(1);

		// a node starting while this one runs the load leaves the job alone
		settling.settle();
		assertThat(job(id).status()).isEqualTo(ImportJob.Status.IMPORTING);

		crash.kill();
		settling.settle();
		assertInterrupted(id);

		// the job page and the API say so and offer to run it again from the kept upload
		String page = mvc.perform(get("/admin/volunteers/import/" + id)
			.with(new TestUsers(regions).staff(COUNTY, Roles.OFFICE_STAFF))).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("data-status=\"INTERRUPTED\"").contains("已中断").contains("服务器停止运行")
			.contains("action=\"/admin/volunteers/import/" + id + "/run-again\"").contains("再次运行")
			.doesNotContain("for=\"rerun-file\"").doesNotContain("hx-trigger");
		String json = mvc.perform(get("/api/v1/admin/volunteers/import/" + id)
			.with(new TestUsers(regions).staff(COUNTY, Roles.OFFICE_STAFF))).andReturn().getResponse()
			.getContentAsString();
		assertThat((String) JsonPath.read(json, "$.status")).isEqualTo("INTERRUPTED");
		assertThat((String) JsonPath.read(json, "$.runAgain")).isEqualTo("/api/v1/admin/volunteers/import/" + id + "/run-again");
		// nothing to upload again: the file is kept (absent fields are left out of the JSON)
		assertThat(json).doesNotContain("\"rerun\"");

		// run again, by the staff button: nothing of the first attempt is there, so none of its rows is a duplicate
		crash.close();
		crash = null;
		mvc.perform(post("/admin/volunteers/import/" + id + "/run-again").with(csrf())
			.with(new TestUsers(regions).staff(COUNTY, Roles.OFFICE_STAFF)))
			.andExpect(status().is3xxRedirection());
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> job(id).finished());
		ImportJob again = job(id);
		assertThat(again.status()).isEqualTo(ImportJob.Status.DONE);
		assertThat(again.imported()).isEqualTo(40);
		assertThat(again.attempts()).isEqualTo(2);
		assertThat(rowsOf(id)).isEqualTo(40);
		// deleted by the worker just after the job's final state commits
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !imports.uploadStored(id));
		aggregatesEqualARecount();
		// a DONE job does not run again
		mvc.perform(post("/api/v1/admin/volunteers/import/" + id + "/run-again").with(csrf())
			.with(new TestUsers(regions).staff(COUNTY, Roles.OFFICE_STAFF))).andExpect(status().isConflict());
	}

	@Test
	void killedMidCopyTheJobIsInterrupted() throws Exception {
		// more rows than one batch: the first 2,000 are in the COPY while the rest are checked
		crash = new Crash(VolunteerImports.Step.COPYING);
		long id = crash.submit(ImportFiles.csv(ImportFiles.rows(VILLAGE, 2_600)));
		assertThat(job(id).status()).isEqualTo(ImportJob.Status.VALIDATING);
		crash.kill();
		settling.settle();
		assertInterrupted(id);
	}

	@Test
	void killedAfterTheInsertBeforeTheCommitNothingOfItRemains() throws Exception {
		aggregatesEqualARecount();
		long registered = registeredInTheCounty();
		crash = new Crash(VolunteerImports.Step.INSERTED);
		long id = crash.submit(ImportFiles.csv(ImportFiles.rows(VILLAGE, 30)));
		// written in the load's transaction, not committed: invisible here
		assertThat(job(id).status()).isEqualTo(ImportJob.Status.IMPORTING);
		assertThat(rowsOf(id)).isZero();
		crash.kill();
		settling.settle();
		assertInterrupted(id);
		assertThat(registeredInTheCounty()).isEqualTo(registered);
	}

	/** The volunteer table's indexes and constraints, as PostgreSQL would write them. */
	List<String> indexDefinitions() {
		return jdbc.sql("""
				select indexname || ': ' || indexdef from pg_indexes where tablename = 'volunteer'
				union all
				select conname || ': ' || pg_get_constraintdef(oid) from pg_constraint
				where conrelid = 'volunteer'::regclass
				order by 1""").query(String.class).list();
	}

	@Test
	void killedInABulkLoadBeforeTheCommitTheTableHasItsIndexesBack() throws Exception {
		List<String> before = indexDefinitions();
		imports.bulkLoad = rows -> true;
		crash = new Crash(VolunteerImports.Step.INSERTED);
		long id = crash.submit(ImportFiles.csv(ImportFiles.rows(VILLAGE, 30)));
		crash.kill();
		settling.settle();
		assertInterrupted(id);
		assertThat(indexDefinitions()).isEqualTo(before);
	}

	@Test
	void killedAfterTheCommitTheJobIsDoneAndTheDashboardsCountIt() throws Exception {
		aggregatesEqualARecount();
		long registered = registeredInTheCounty();
		crash = new Crash(VolunteerImports.Step.COMMITTED);
		long id = crash.submit(ImportFiles.csv(ImportFiles.rows(VILLAGE, 30)));
		// the server dies here: its load's session is already back in the pool, nothing of the job is open
		settling.settle();
		ImportJob job = job(id);
		assertThat(job.status()).isEqualTo(ImportJob.Status.DONE);
		assertThat(job.imported()).isEqualTo(30);
		assertThat(rowsOf(id)).isEqualTo(30);
		// the event committed with the rows: the registry delivers it (again, after a restart) until it is applied
		assertThat(publicationsOf(id)).isGreaterThanOrEqualTo(1);
		aggregatesEqualARecount();
		assertThat(registeredInTheCounty()).isEqualTo(registered + 30);
	}

	/**
	 * What the version before this one left (the operator's case in issue 13): the rows committed, the
	 * job still IMPORTING with nothing imported. Settled DONE with the rows' count; its event is
	 * published again and the dashboards, which count an event's key once, do not count it twice.
	 */
	@Test
	void aJobLeftImportingWithItsRowsCommittedIsSettledDoneWithTheirCount() throws Exception {
		ImportJob done = imports.submit(f -> Files.write(f, ImportFiles.csv(ImportFiles.rows(VILLAGE, 25))), "old.csv",
				importer(), Locale.CHINA);
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> job(done.id()).finished());
		aggregatesEqualARecount();
		jdbc.sql("update import_job set status = 'IMPORTING', imported = 0, finished_at = null where id = :id")
			.param("id", done.id()).update();
		settling.settle();
		ImportJob job = job(done.id());
		assertThat(job.status()).isEqualTo(ImportJob.Status.DONE);
		assertThat(job.imported()).isEqualTo(25);
		assertThat(job.finishedAt()).isNotNull();
		assertThat(publicationsOf(done.id())).isEqualTo(2);
		aggregatesEqualARecount();
	}

	@Test
	void aJobWhoseLoadIsStillRunningIsNotSettled() throws Exception {
		crash = new Crash(VolunteerImports.Step.COPYING);
		long id = crash.submit(ImportFiles.csv(ImportFiles.rows(VILLAGE, 2_100)));
		settling.settle();
		assertThat(job(id).status()).isEqualTo(ImportJob.Status.VALIDATING);
		// let it go on: it finishes as if nothing had happened
		crash.close();
		crash = null;
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> job(id).finished());
		assertThat(job(id).status()).isEqualTo(ImportJob.Status.DONE);
		assertThat(rowsOf(id)).isEqualTo(2_100);
		// deleted by the worker just after the job's final state commits
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !imports.uploadStored(id));
		aggregatesEqualARecount();
	}
}
