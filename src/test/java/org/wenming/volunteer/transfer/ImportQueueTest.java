package org.wenming.volunteer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * The import queue across nodes, with real threads on the real database: this application's own
 * workers are held ({@code polling}), and "nodes" are threads running {@link VolunteerImports#runNext}
 * under names of their own, as the workers of other servers on the same database would.
 */
@WenmingTest
class ImportQueueTest {

	/** 广宁县: no other test imports there. */
	static final String COUNTY = "441223";

	static final String VILLAGE = "441223100001";

	@Autowired
	VolunteerImports imports;

	@Autowired
	ImportJobs jobs;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@BeforeEach
	void holdThisNodesWorkers() {
		imports.polling = false;
		// and those of any other application context in this JVM
		imports.wake();
		// a worker that was already picking when told to stop may still finish what it took
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
				"select count(*) from import_job where status in ('VALIDATING', 'IMPORTING')")
			.query(Long.class).single() == 0);
	}

	@AfterEach
	void releaseThem() {
		imports.steps = (step, id, pid) -> {
		};
		imports.polling = true;
		imports.wake();
	}

	ScopedUser importer() {
		return new TestUsers(regions).staffPrincipal(COUNTY, Roles.OFFICE_STAFF);
	}

	long submit(int rows) throws Exception {
		byte[] file = ImportFiles.csv(ImportFiles.rows(VILLAGE, rows));
		return imports.submit(f -> Files.write(f, file), "queue.csv", importer(), Locale.CHINA).id();
	}

	ImportJob job(long id) {
		return jobs.find(id).orElseThrow();
	}

	long rowsOf(long job) {
		return jdbc.sql("select count(*) from volunteer where import_job_id = :job").param("job", job).query(Long.class)
			.single();
	}

	/** A node's worker: takes jobs until the queue is empty. */
	static int drain(VolunteerImports imports, String node) {
		int taken = 0;
		while (imports.runNext(node)) {
			taken++;
		}
		return taken;
	}

	@Test
	void twoNodesNeverRunTheSameJobAndBetweenThemRunEveryOne() throws Exception {
		List<Long> queued = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			queued.add(submit(5 + i));
		}
		assertThat(queued).allSatisfy(id -> assertThat(job(id).status()).isEqualTo(ImportJob.Status.QUEUED));
		// each load lingers a little after its check, so that the other node finds the queue's head taken
		imports.steps = (step, id, pid) -> {
			if (step == VolunteerImports.Step.VALIDATED) {
				try {
					Thread.sleep(150);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		};
		ExecutorService nodes = Executors.newFixedThreadPool(4);
		try {
			List<Future<Integer>> workers = new ArrayList<>();
			for (String node : List.of("node-a", "node-a", "node-b", "node-b")) {
				workers.add(nodes.submit(() -> drain(imports, node)));
			}
			for (Future<Integer> worker : workers) {
				worker.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			nodes.shutdownNow();
		}
		for (int i = 0; i < queued.size(); i++) {
			ImportJob job = job(queued.get(i));
			assertThat(job.status()).as("job %s", job.id()).isEqualTo(ImportJob.Status.DONE);
			// run once: one claim, its rows once (a second run would have failed on the duplicates)
			assertThat(job.attempts()).as("job %s", job.id()).isEqualTo(1);
			assertThat(job.imported()).isEqualTo(5 + i);
			assertThat(rowsOf(job.id())).isEqualTo(5 + i);
			assertThat(imports.uploadStored(job.id())).isFalse();
		}
		Map<String, Long> byNode = queued.stream().map(this::job)
			.collect(Collectors.groupingBy(ImportJob::claimedBy, Collectors.counting()));
		assertThat(byNode.keySet()).containsExactlyInAnyOrder("node-a", "node-b");
		assertThat(byNode.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(queued.size());
	}

	@Test
	void aJobQueuedByANodeThatIsGoneIsRunByAnother() throws Exception {
		// queued here, and this node never runs it (its workers are held, as a stopped server's would be)
		long id = submit(12);
		Thread.sleep(300);
		assertThat(job(id).status()).isEqualTo(ImportJob.Status.QUEUED);
		assertThat(imports.uploadStored(id)).isTrue();

		ExecutorService other = Executors.newSingleThreadExecutor();
		try {
			assertThat(other.submit(() -> drain(imports, "node-b")).get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1);
		}
		finally {
			other.shutdownNow();
		}
		ImportJob job = job(id);
		assertThat(job.status()).isEqualTo(ImportJob.Status.DONE);
		assertThat(job.claimedBy()).isEqualTo("node-b");
		assertThat(rowsOf(id)).isEqualTo(12);
	}

	@Test
	void aLoadWhoseConnectionDiesEndsFailedWithNothingImportedAndRunsAgainToSuccess() throws Exception {
		long id = submit(30);
		// the worker's database session ends in the middle of the load, its node lives on
		imports.steps = (step, job, pid) -> {
			if (step == VolunteerImports.Step.VALIDATED && job == id) {
				assertThat(jdbc.sql("select pg_terminate_backend(:pid, 30000)").param("pid", pid).query(Boolean.class)
					.single()).isTrue();
			}
		};
		ExecutorService node = Executors.newSingleThreadExecutor();
		try {
			node.submit(() -> drain(imports, "node-a")).get(60, TimeUnit.SECONDS);
		}
		finally {
			node.shutdownNow();
		}
		ImportJob failed = job(id);
		assertThat(failed.status()).isEqualTo(ImportJob.Status.FAILED);
		assertThat(failed.imported()).isZero();
		assertThat(rowsOf(id)).isZero();
		assertThat(imports.uploadStored(id)).isTrue();
		assertThat(failed.canRunAgain()).isTrue();

		imports.steps = (step, job, pid) -> {
		};
		assertThat(imports.runAgain(id, importer())).get().extracting(ImportJob::status).isEqualTo(ImportJob.Status.QUEUED);
		// running it twice at once is refused: it is queued already
		assertThat(imports.runAgain(id, importer())).isEmpty();
		imports.polling = true;
		imports.wake();
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> job(id).finished());
		ImportJob done = job(id);
		assertThat(done.status()).isEqualTo(ImportJob.Status.DONE);
		assertThat(done.imported()).isEqualTo(30);
		assertThat(done.attempts()).isEqualTo(2);
		assertThat(done.claimedBy()).isEqualTo(imports.node());
		assertThat(rowsOf(id)).isEqualTo(30);
		// deleted by the worker just after the job's final state commits
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !imports.uploadStored(id));
	}

	@Test
	void theUploadOfAFailedJobIsKeptForTheRetentionThenDeleted() throws Exception {
		long old = submit(3);
		long recent = submit(3);
		// both failed without running: one eight days ago (the retention is seven), one yesterday
		for (long id : List.of(old, recent)) {
			jdbc.sql("update import_job set status = 'FAILED', problem = 'volunteer.import.failed', finished_at = now() - :age::interval where id = :id")
				.param("age", id == old ? "8 days" : "1 day").param("id", id).update();
		}
		assertThat(imports.deleteUploadsKeptTooLong()).isGreaterThanOrEqualTo(1);
		assertThat(imports.uploadStored(old)).isFalse();
		assertThat(job(old).uploadKept()).isFalse();
		assertThat(job(old).canRunAgain()).isFalse();
		assertThat(imports.runAgain(old, importer())).isEmpty();
		assertThat(imports.uploadStored(recent)).isTrue();
		assertThat(job(recent).canRunAgain()).isTrue();
	}
}
