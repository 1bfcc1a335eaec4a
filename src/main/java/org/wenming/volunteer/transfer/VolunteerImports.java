package org.wenming.volunteer.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.platform.ObjectStore;
import org.wenming.platform.ObjectStoreUnavailableException;
import org.wenming.platform.ObjectStores;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.VolunteersRegistered;

/**
 * Bulk import of volunteers (批量导入), all or nothing, in the background: the jobs, their queue and
 * their states. Checking is {@link ImportChecks}, loading {@link VolunteerLoad}.
 *
 * <p>The queue is the {@code import_job} table, shared by every node: a submit stores the upload in the
 * object store and then inserts the job QUEUED (no job without its file); each node runs
 * {@code workers} threads (one by default: an import takes a core) that take the oldest QUEUED job
 * ({@code for update skip locked}, so two workers never pick the same one), polling every
 * {@code poll-interval} and woken at once by a submit on their own node. A job a node queued is run by
 * whichever node's worker is free, also when that node is gone. The upload stays in the store until
 * the job is DONE or REFUSED, so a FAILED or INTERRUPTED job can {@linkplain #runAgain run again}.
 *
 * <p>A job runs in one transaction, from its claim to its end: the checked rows stream into a COPY
 * while the file is checked, a clean file's rows move into the volunteer table, and the job's final
 * state (DONE with the count) and the {@link VolunteersRegistered} publication (Spring Modulith's
 * registry) commit with them; a file with a problem, or a load that fails (a duplicate registered
 * meanwhile), rolls back to the claim and commits REFUSED or FAILED.
 * The open transaction holds the job's row ({@link ImportJobs#claim}), so a job whose server stopped
 * is told from one still running, on this node or another, and settled ({@link InterruptedImports}).
 */
@Service
public class VolunteerImports {

	public static final Set<String> IMPORTING_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF);

	private static final Logger log = LoggerFactory.getLogger(VolunteerImports.class);

	/** The steps a test may stop a load at (then it ends the load's database session there, as a crash would). */
	enum Step {
		/** Rows are in the COPY, more are being checked. */
		COPYING,
		/** The file is checked and staged, nothing inserted. */
		VALIDATED,
		/** The volunteers, the job's DONE and the event are written, not committed. */
		INSERTED,
		/** All of that committed. */
		COMMITTED
	}

	/** Told at each step, on the load's thread, outside its transaction. */
	@FunctionalInterface
	interface StepListener {

		/** @param backendPid the load's PostgreSQL session (its backend's process id) */
		void reached(Step step, long job, int backendPid);
	}

	private final ImportJobs jobs;

	private final ImportChecks checks;

	private final VolunteerLoad loader;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	/** The {@code imports} area: {@code <job>/upload}, {@code <job>/errors.csv}; not final only for the tests ({@link #useStore}). */
	private volatile ObjectStore files;

	/** This node's name in {@code claimed_by}: process id and host. */
	private final String node;

	private final int workerCount;

	private final Duration pollInterval;

	private final Duration uploadRetention;

	private final ImportFile.Limits limits;

	/** The load's transaction: its own, on the worker thread. */
	private final TransactionTemplate transactions;

	/** For the test seams: whatever they do, they do outside the load's transaction. */
	private final TransactionTemplate outside;

	/** This node's workers: each import uses a core and a few hundred MB of disk; others wait in the table. */
	private final ExecutorService workers;

	/** A submit on this node wakes a worker before its next poll. */
	private final Semaphore wakeups = new Semaphore(0);

	private volatile boolean stopped;

	/** When the expired uploads were last deleted (nanoTime). */
	private final AtomicLong lastCleanup = new AtomicLong(System.nanoTime());

	/** Test seam: false keeps this node's workers from taking jobs (a node that is gone, or busy). */
	volatile boolean polling = true;

	/**
	 * The instance whose workers poll in this JVM: the one that queued a job last. A server has one;
	 * the tests start several application contexts in one JVM on one database, each with its own
	 * store and test seams, and a job must be run by the context that queued it.
	 */
	private static volatile VolunteerImports pollingInThisJvm;

	/** Test seam: runs after the COPY, before the insert, outside the load's transaction. */
	volatile LongConsumer beforeInsert = job -> {
	};

	/** Test seam: told at each {@link Step}. */
	volatile StepListener steps = (step, job, backend) -> {
	};

	/** Whether a load of so many rows rebuilds the indexes instead of keeping them (tests may force it). */
	volatile LongPredicate bulkLoad;

	VolunteerImports(ImportJobs jobs, ImportChecks checks, VolunteerLoad loader, ApplicationEventPublisher events,
			Clock clock, ImportProperties properties, ObjectStores stores,
			PlatformTransactionManager transactionManager) {
		this.jobs = jobs;
		this.checks = checks;
		this.loader = loader;
		this.events = events;
		this.clock = clock;
		// the local store's folder is created by the first import, not at start (an external-database setup may have no data folder)
		this.files = stores.area("imports", properties.workDirectory());
		this.node = nodeName();
		this.workerCount = properties.workers();
		this.pollInterval = properties.pollInterval();
		this.uploadRetention = properties.uploadRetention();
		AtomicInteger number = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(Math.max(1, workerCount), r -> {
			Thread thread = new Thread(r, "volunteer-import-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		long bulkLoadMinRows = properties.bulkLoadMinRows();
		this.bulkLoad = rows -> bulkLoadMinRows > 0 && rows >= bulkLoadMinRows && rows >= loader.volunteerRowsEstimate();
		this.limits = new ImportFile.Limits(properties.maxInflatedSize().toBytes(), ImportFile.Limits.DEFAULT.maxEntries(),
				ImportFile.Limits.DEFAULT.maxRatio());
		this.transactions = new TransactionTemplate(transactionManager);
		this.outside = new TransactionTemplate(transactionManager);
		this.outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
	}

	/** How the caller hands over the uploaded bytes (a multipart file's transferTo). */
	@FunctionalInterface
	public interface Upload {

		void saveTo(Path file) throws IOException;
	}

	public static boolean mayImport(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(IMPORTING_ROLES::contains);
	}

	/**
	 * Stores the file in the object store, then queues the job; returns at once.
	 *
	 * @throws ObjectStoreUnavailableException when the store cannot take the file: no job is made
	 */
	public ImportJob submit(Upload upload, String fileName, ScopedUser user, Locale locale) throws IOException {
		require(user);
		String name = fileName == null || fileName.isBlank() ? "upload" : fileName.strip();
		name = name.codePoints().filter(c -> !Character.isISOControl(c)).limit(200)
				.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
		long id = jobs.nextId();
		String key = uploadKey(id);
		Path received = Files.createTempFile("wenming-import-", ".upload");
		try {
			upload.saveTo(received);
			files.putFile(key, received);
		}
		finally {
			Files.deleteIfExists(received);
		}
		try {
			jobs.create(id, user, name, locale.toLanguageTag(), OffsetDateTime.now(clock), key);
		}
		catch (RuntimeException ex) {
			deleteQuietly(key);
			throw ex;
		}
		pollingInThisJvm = this;
		wakeups.release();
		return jobs.find(id).orElseThrow();
	}

	/**
	 * Queues a FAILED or INTERRUPTED job again from its kept upload (再次运行).
	 *
	 * @return the job, QUEUED; empty when it cannot run again (not failed or interrupted, or its upload is gone)
	 * @throws OutOfScopeException when the job belongs to another scope (answered as not found)
	 */
	public Optional<ImportJob> runAgain(long id, ScopedUser user) {
		ImportJob job = find(id, user).orElseThrow(() -> new OutOfScopeException("import job", String.valueOf(id)));
		if (!job.canRunAgain()) {
			return Optional.empty();
		}
		if (!files.exists(uploadKey(id))) {
			jobs.uploadDeleted(id);
			return Optional.empty();
		}
		if (!jobs.requeue(id)) {
			return Optional.empty();
		}
		log.info("Import job {} queued to run again", id);
		pollingInThisJvm = this;
		wakeups.release();
		return jobs.find(id);
	}

	/**
	 * A job for its creator's scope: anyone whose scope covers the importer's.
	 *
	 * @throws OutOfScopeException when the job exists but belongs to another scope (answered as not found)
	 */
	public Optional<ImportJob> find(long id, ScopedUser user) {
		require(user);
		Optional<ImportJob> job = jobs.find(id);
		if (job.isPresent() && !user.scope().covers(job.get().scopePath())) {
			throw new OutOfScopeException("import job", String.valueOf(id));
		}
		return job;
	}

	public List<ImportJob> recent(ScopedUser user) {
		require(user);
		return jobs.recent(user.scope(), 20);
	}

	/**
	 * The error report of a job in the caller's scope, if it has one, to be closed by the caller.
	 *
	 * @throws ObjectStoreUnavailableException when the store cannot be reached
	 */
	public Optional<InputStream> report(long id, ScopedUser user) {
		return find(id, user).filter(ImportJob::hasReport).flatMap(j -> jobs.reportPath(j.id())).flatMap(files::get);
	}

	static String uploadKey(long id) {
		return id + "/upload";
	}

	static String reportKey(long id) {
		return id + "/errors.csv";
	}

	/** Whether the job's upload is in the store (for the tests). */
	boolean uploadStored(long id) {
		return files.exists(uploadKey(id));
	}

	String node() {
		return node;
	}

	/** Test seam: keeps the jobs' files in another store from now on; returns the one used so far. */
	ObjectStore useStore(ObjectStore store) {
		ObjectStore before = files;
		files = store;
		return before;
	}

	private static void require(ScopedUser user) {
		if (!mayImport(user)) {
			throw new AccessDeniedException("needs one of " + IMPORTING_ROLES);
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void startWorkers() {
		for (int i = 0; i < workerCount; i++) {
			workers.submit(this::work);
		}
		log.info("Import workers on node {}: {}", node, workerCount);
	}

	@PreDestroy
	void stop() {
		stopped = true;
		if (pollingInThisJvm == this) {
			pollingInThisJvm = null;
		}
		workers.shutdownNow();
	}

	/** Wakes this node's workers (a test, after letting them poll again). */
	void wake() {
		pollingInThisJvm = this;
		wakeups.release(Math.max(1, workerCount));
	}

	/** A worker: takes the next job whenever there is one, else sleeps until woken or the poll interval passed. */
	private void work() {
		while (!stopped && !Thread.currentThread().isInterrupted()) {
			try {
				VolunteerImports polls = pollingInThisJvm;
				boolean found = polling && (polls == null || polls == this) && runNext(node);
				deleteExpiredUploads();
				if (!found && wakeups.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
					// woken: look at once
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				// the database or the store is away: try again at the next poll, quietly
				log.warn("Import worker on {}: {}", node, ex.getClass().getName());
				try {
					Thread.sleep(pollInterval.toMillis());
				}
				catch (InterruptedException stop) {
					return;
				}
			}
		}
	}

	record Importer(String username, DataScope scope) {

		/** The importer as the job's row keeps them: the scope is what the rows are checked against. */
		static Importer of(ImportJobs.Queued job) {
			String path = job.scopePath();
			if (path == null || path.isEmpty()) {
				return new Importer(job.createdBy(), DataScope.EVERYTHING);
			}
			String[] codes = path.split("\\.");
			return new Importer(job.createdBy(), new DataScope(codes[codes.length - 1], path));
		}
	}

	// ---- the job ------------------------------------------------------------------------------------

	/**
	 * What the load's transaction did; {@code load} is null unless it committed volunteers.
	 *
	 * @param settled DONE or REFUSED: the upload is no longer needed
	 */
	private record Outcome(long id, int read, VolunteerLoad.Load load, long checkedNanos, boolean settled) {
	}

	/**
	 * Takes the oldest QUEUED job no other worker has and runs it to its end, as the worker of {@code node}.
	 *
	 * @return whether there was a job to take (run here, or won by another worker meanwhile)
	 */
	// claimed: 0 no job found, -1 one found but not (yet) this worker's, else the job this worker runs
	boolean runNext(String node) {
		AtomicLong claimed = new AtomicLong();
		java.util.concurrent.atomic.AtomicInteger attemptClaimed = new java.util.concurrent.atomic.AtomicInteger();
		long started = System.nanoTime();
		Path scratch = null;
		try {
			scratch = Files.createTempDirectory("wenming-import-");
			Path folder = scratch;
			Outcome outcome = transactions.execute(tx -> attempt(node, folder, claimed, attemptClaimed, tx));
			if (outcome == null) {
				return claimed.get() != 0;
			}
			long id = outcome.id();
			if (outcome.settled()) {
				// DONE or REFUSED: the upload's personal data goes (the store away: the retention deletes it
				// later); a FAILED job keeps it to run again
				if (deleteQuietly(uploadKey(id))) {
					jobs.uploadDeleted(id);
				}
			}
			if (outcome.load() != null) {
				VolunteerLoad.Load load = outcome.load();
				reached(Step.COMMITTED, id, 0);
				if (load.bulk()) {
					loader.analyze();
				}
				log.info("Import job {}: {} rows checked and streamed in {} ms, loaded in {} ms ({})", id, outcome.read(),
						(outcome.checkedNanos() - started) / 1_000_000, (System.nanoTime() - outcome.checkedNanos()) / 1_000_000,
						load.bulk() ? "bulk load, indexes and constraints rebuilt" : "indexes kept");
			}
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot make a scratch folder for an import", ex);
		}
		catch (RuntimeException ex) {
			long id = claimed.get();
			if (id <= 0) {
				throw ex;
			}
			// nothing personal in the log: the exception's class and SQL state, never its text
			log.warn("Import job {} rolled back: {} {}", id, ex.getClass().getName(), Objects.toString(sqlState(ex), ""));
			// this attempt's failure only: a node settling meanwhile may have ended it and staff queued it again
			jobs.failed(id, attemptClaimed.get(),
					ex instanceof UploadMissing ? "volunteer.import.failed.uploadMissing" : problemOf(ex),
					OffsetDateTime.now(clock));
			if (ex instanceof UploadMissing) {
				jobs.uploadDeleted(id);
			}
			return true;
		}
		finally {
			deleteTree(scratch);
		}
	}

	/** The job's upload is not in the store (deleted by hand, or a store emptied): it cannot run, now or again. */
	private static final class UploadMissing extends RuntimeException {

		UploadMissing() {
			super("the upload is not in the object store", null, false, false);
		}
	}

	/** The upload as a local file: the local store's own, else a copy in the scratch folder (an XLSX is read at random). */
	private Path upload(long id, Path scratch) throws IOException {
		Optional<Path> local = files.localFile(uploadKey(id));
		if (local.isPresent()) {
			return local.get();
		}
		Path copy = scratch.resolve("upload");
		try (InputStream in = files.get(uploadKey(id)).orElseThrow(UploadMissing::new)) {
			Files.copy(in, copy);
		}
		return copy;
	}

	/** Deletes the uploads of jobs that failed or were interrupted longer ago than the retention; any node may. */
	private void deleteExpiredUploads() {
		long last = lastCleanup.get();
		if (System.nanoTime() - last < Duration.ofMinutes(10).toNanos() || !lastCleanup.compareAndSet(last, System.nanoTime())) {
			return;
		}
		deleteUploadsKeptTooLong();
	}

	/** @return how many uploads were deleted */
	int deleteUploadsKeptTooLong() {
		int deleted = 0;
		for (ImportJobs.Queued job : jobs.expiredUploads(OffsetDateTime.now(clock).minus(uploadRetention))) {
			files.delete(job.uploadKey());
			jobs.uploadDeleted(job.id());
			deleted++;
			log.info("Import job {}: its upload was kept {} to run again and is deleted now", job.id(), uploadRetention);
		}
		return deleted;
	}

	/**
	 * The job's transaction: pick and claim, check (streaming into the COPY), load, final state and
	 * event. A refused file or a failed load rolls back to just after the claim and records REFUSED or
	 * FAILED in the same transaction; any other failure rolls it all back, and {@link #runNext} records
	 * FAILED.
	 *
	 * <p>The pick is {@code for update skip locked} inside a savepoint that is rolled back at once: the
	 * pick's lock would make the job's own progress updates (autocommitted on other connections) wait
	 * for this transaction, so the job is held from then on by the claim's key-share lock, and made this
	 * worker's by a conditional QUEUED → VALIDATING update that only one worker wins.
	 *
	 * @return null when there was no job, or another worker won it
	 */
	private Outcome attempt(String node, Path scratch, AtomicLong claimedId,
			java.util.concurrent.atomic.AtomicInteger attemptClaimed, TransactionStatus tx) {
		Object pick = tx.createSavepoint();
		Optional<Long> next = jobs.next();
		tx.rollbackToSavepoint(pick);
		tx.releaseSavepoint(pick);
		if (next.isEmpty()) {
			return null;
		}
		long id = next.get();
		claimedId.set(-1);
		if (jobs.claim(id) != ImportJob.Status.QUEUED) {
			return null;
		}
		int backend = loader.backendPid();
		if (!jobs.started(id, node, OffsetDateTime.now(clock))) {
			return null;
		}
		claimedId.set(id);
		attemptClaimed.set(jobs.attempts(id));
		ImportJobs.Queued queued = jobs.queued(id).orElseThrow();
		Importer importer = Importer.of(queued);
		Locale locale = Locale.forLanguageTag(queued.locale());
		Object claimed = tx.createSavepoint();
		Path report = scratch.resolve("errors.csv");
		ImportChecks.Pass pass = null;
		try {
			Path upload = upload(id, scratch);
			ImportFile.Kind kind = ImportFile.inspect(upload, limits);
			ImportChecks.Rules rules = checks.rules();
			try (OutputStream copy = loader.openStaging();
					ImportRows rows = kind.format() == ImportFile.Format.XLSX ? new XlsxRows(upload)
							: new CsvRows(upload, kind.charset(), kind.bomLength())) {
				pass = checks.start(id, importer, rules, locale, copy, report, () -> reached(Step.COPYING, id, backend));
				pass.run(rows);
			}
			if (pass.errors() > 0) {
				tx.rollbackToSavepoint(claimed);
				// the report first: a job shows a report only once it is stored
				files.putFile(reportKey(id), report);
				jobs.finish(id, ImportJob.Status.REFUSED, null, null, pass.read(), pass.ok(), pass.errors(), 0,
						reportKey(id), OffsetDateTime.now(clock));
				return new Outcome(id, pass.read(), null, System.nanoTime(), true);
			}
			if (pass.read() == 0) {
				throw new ImportRefusedException("volunteer.import.refused.noRows");
			}
		}
		catch (ImportRefusedException ex) {
			tx.rollbackToSavepoint(claimed);
			String detail = ex.arguments().length == 0 ? null : String.valueOf(ex.arguments()[0]);
			int read = pass == null ? 0 : pass.read();
			jobs.finish(id, ImportJob.Status.REFUSED, ex.messageKey(), detail, read, 0, 0, 0, null, OffsetDateTime.now(clock));
			return new Outcome(id, read, null, System.nanoTime(), true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long checked = System.nanoTime();
		jobs.importing(id, pass.read(), pass.ok());
		reached(Step.VALIDATED, id, backend);
		VolunteerLoad.Load load;
		try {
			load = loader.load(id, pass.read(), importer.username(), bulkLoad, tx);
		}
		catch (DataAccessException ex) {
			// a duplicate registered meanwhile: FAILED commits as the claim ends, so no settling can see the job
			// running without its transaction (were the session gone, this rollback fails and the caller records it)
			tx.rollbackToSavepoint(claimed);
			log.warn("Import job {} rolled back: {} {}", id, ex.getClass().getName(), Objects.toString(sqlState(ex), ""));
			jobs.failed(id, attemptClaimed.get(), problemOf(ex), OffsetDateTime.now(clock));
			return new Outcome(id, pass.read(), null, checked, false);
		}
		// the final state and the event commit with the rows, or none of them does
		jobs.finish(id, ImportJob.Status.DONE, null, null, pass.read(), pass.ok(), 0, load.imported(), null,
				OffsetDateTime.now(clock));
		events.publishEvent(load.event(id));
		reached(Step.INSERTED, id, backend);
		return new Outcome(id, pass.read(), load, checked, true);
	}

	private void reached(Step step, long id, int backend) {
		outside.executeWithoutResult(s -> {
			steps.reached(step, id, backend);
			if (step == Step.VALIDATED) {
				beforeInsert.accept(id);
			}
		});
	}

	private static String problemOf(RuntimeException ex) {
		boolean duplicate = ex instanceof DuplicateKeyException || "23505".equals(sqlState(ex));
		return duplicate ? "volunteer.import.failed.duplicate" : "volunteer.import.failed";
	}

	/** The SQL state of a database failure, however wrapped (a COPY refused by the server arrives in an IOException). */
	private static String sqlState(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				return sql.getSQLState();
			}
		}
		return null;
	}

	private boolean deleteQuietly(String key) {
		try {
			files.delete(key);
			return true;
		}
		catch (RuntimeException ex) {
			log.warn("Could not delete the import object {}: {}", key, ex.getClass().getSimpleName());
			return false;
		}
	}

	private static void deleteTree(Path folder) {
		if (folder == null) {
			return;
		}
		try (Stream<Path> all = Files.walk(folder)) {
			all.sorted(Comparator.reverseOrder()).forEach(path -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					log.warn("Could not delete {}", path.getFileName());
				}
			});
		}
		catch (IOException ex) {
			log.warn("Could not delete the scratch folder {}", folder.getFileName());
		}
	}

	private static String nodeName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			host = "localhost";
		}
		String name = ProcessHandle.current().pid() + "@" + host;
		return name.length() > 200 ? name.substring(0, 200) : name;
	}
}
