package org.wenming.volunteer.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.platform.DatabaseProperties;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.VolunteersRegistered;

/**
 * Bulk import of volunteers (批量导入), all or nothing, in the background, one job at a time: the
 * jobs, their queue and their states. Checking is {@link ImportChecks}, loading {@link VolunteerLoad}.
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

	private final Path workDirectory;

	private final ImportFile.Limits limits;

	/** The load's transaction: its own, on the worker thread. */
	private final TransactionTemplate transactions;

	/** For the test seams: whatever they do, they do outside the load's transaction. */
	private final TransactionTemplate outside;

	/** One import at a time: each uses a core and a few hundred MB of disk; others queue. */
	private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "volunteer-import");
		thread.setDaemon(true);
		return thread;
	});

	/** Test seam: runs after the COPY, before the insert, outside the load's transaction. */
	volatile LongConsumer beforeInsert = job -> {
	};

	/** Test seam: told at each {@link Step}. */
	volatile StepListener steps = (step, job, backend) -> {
	};

	/** Whether a load of so many rows rebuilds the indexes instead of keeping them (tests may force it). */
	volatile LongPredicate bulkLoad;

	VolunteerImports(ImportJobs jobs, ImportChecks checks, VolunteerLoad loader, ApplicationEventPublisher events,
			Clock clock, ImportProperties properties, DatabaseProperties database,
			PlatformTransactionManager transactionManager) {
		this.jobs = jobs;
		this.checks = checks;
		this.loader = loader;
		this.events = events;
		this.clock = clock;
		// the folder is created by the first import, not at start (an external-database setup may have no data folder)
		this.workDirectory = properties.workDirectory(database);
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

	/** Stores the file in the job's folder and queues the job; returns at once. */
	public ImportJob submit(Upload upload, String fileName, ScopedUser user, Locale locale) throws IOException {
		require(user);
		String name = fileName == null || fileName.isBlank() ? "upload" : fileName.strip();
		name = name.codePoints().filter(c -> !Character.isISOControl(c)).limit(200)
				.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
		long id = jobs.create(user, name, locale.toLanguageTag(), OffsetDateTime.now(clock));
		Path directory = Files.createDirectories(directory(id));
		upload.saveTo(directory.resolve("upload"));
		Importer importer = new Importer(user.username(), user.scope());
		worker.submit(() -> run(id, directory, importer, locale));
		return jobs.find(id).orElseThrow();
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

	/** The error report of a job in the caller's scope, if it has one. */
	public Optional<Path> report(long id, ScopedUser user) {
		return find(id, user).filter(ImportJob::hasReport).flatMap(j -> jobs.reportPath(j.id())).map(Path::of)
				.filter(Files::isRegularFile);
	}

	/** The job's folder: its upload until the job ends, its error report. */
	Path directory(long id) {
		return workDirectory.resolve(String.valueOf(id));
	}

	private static void require(ScopedUser user) {
		if (!mayImport(user)) {
			throw new AccessDeniedException("needs one of " + IMPORTING_ROLES);
		}
	}

	@PreDestroy
	void stop() {
		worker.shutdownNow();
	}

	record Importer(String username, DataScope scope) {
	}

	// ---- the job ------------------------------------------------------------------------------------

	/** What the load's transaction did; {@code load} is null unless it committed volunteers. */
	private record Outcome(int read, VolunteerLoad.Load load, long checkedNanos) {
	}

	private void run(long id, Path directory, Importer importer, Locale locale) {
		Path upload = directory.resolve("upload");
		long started = System.nanoTime();
		try {
			Outcome outcome = transactions.execute(tx -> attempt(id, directory, importer, locale, tx));
			if (outcome != null && outcome.load() != null) {
				VolunteerLoad.Load load = outcome.load();
				reached(Step.COMMITTED, id, 0);
				if (load.bulk()) {
					loader.analyze();
				}
				log.info("Import job {}: {} rows checked and streamed in {} ms, loaded in {} ms ({})", id, outcome.read(),
						(outcome.checkedNanos() - started) / 1_000_000, (System.nanoTime() - outcome.checkedNanos()) / 1_000_000,
						load.bulk() ? "bulk load, indexes and constraints rebuilt" : "indexes kept");
			}
		}
		catch (RuntimeException ex) {
			// nothing personal in the log: the exception's class and SQL state, never its text
			log.warn("Import job {} rolled back: {} {}", id, ex.getClass().getName(), Objects.toString(sqlState(ex), ""));
			jobs.failed(id, problemOf(ex), OffsetDateTime.now(clock));
		}
		finally {
			deleteQuietly(upload);
		}
	}

	/**
	 * The job's transaction: claim, check (streaming into the COPY), load, final state and event. A
	 * refused file or a failed load rolls back to just after the claim and records REFUSED or FAILED in
	 * the same transaction; any other failure rolls it all back, and {@link #run} records FAILED.
	 */
	private Outcome attempt(long id, Path directory, Importer importer, Locale locale, TransactionStatus tx) {
		if (jobs.claim(id) != ImportJob.Status.QUEUED) {
			return null;
		}
		int backend = loader.backendPid();
		jobs.started(id, OffsetDateTime.now(clock));
		Object claimed = tx.createSavepoint();
		Path upload = directory.resolve("upload");
		Path report = directory.resolve("errors.csv");
		ImportChecks.Pass pass = null;
		try {
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
				jobs.finish(id, ImportJob.Status.REFUSED, null, null, pass.read(), pass.ok(), pass.errors(), 0,
						report.toString(), OffsetDateTime.now(clock));
				return new Outcome(pass.read(), null, System.nanoTime());
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
			return new Outcome(read, null, System.nanoTime());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long checked = System.nanoTime();
		deleteQuietly(upload);
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
			jobs.failed(id, problemOf(ex), OffsetDateTime.now(clock));
			return new Outcome(pass.read(), null, checked);
		}
		// the final state and the event commit with the rows, or none of them does
		jobs.finish(id, ImportJob.Status.DONE, null, null, pass.read(), pass.ok(), 0, load.imported(), null,
				OffsetDateTime.now(clock));
		events.publishEvent(load.event(id));
		reached(Step.INSERTED, id, backend);
		return new Outcome(pass.read(), load, checked);
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

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete {}", file.getFileName());
		}
	}
}
