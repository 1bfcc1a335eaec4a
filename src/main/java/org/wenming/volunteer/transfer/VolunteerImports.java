package org.wenming.volunteer.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.wenming.region.FieldProblem;
import org.wenming.region.RegionLevel;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.CheckedVolunteer;
import org.wenming.volunteer.PersonalNumbers;
import org.wenming.volunteer.Skill;
import org.wenming.volunteer.VolunteerRules;
import org.wenming.volunteer.Volunteers;
import org.wenming.volunteer.internal.PersonalDataCipher;
import org.wenming.volunteer.internal.PinyinInitials;
import org.wenming.volunteer.internal.VolunteerNumbers;

/**
 * Bulk import of volunteers (批量导入), all or nothing, in the background, one job at a time.
 *
 * <p>Pass 1 streams the file row by row through the volunteer module's own rules
 * ({@link VolunteerRules}), checks the region exists and lies in the importer's scope, catches
 * an ID repeated inside the file (8 bytes of each row's keyed hash with its row number, ~16 bytes
 * a row) and one already registered (a look-up per batch of rows), and writes every problem to
 * the error report. While the file is clean so far it also streams each row, encrypted, into a
 * COPY to a temporary table, so PostgreSQL stores rows on the other core while this one checks
 * the next; memory stays the same whatever the file's size.
 *
 * <p>Pass 2 runs only for a clean file, in the same transaction: one statement moves the staged
 * rows into the volunteer table (for a first migration, with the indexes built once afterwards:
 * see {@link #lockAndDropIndexes}). Anything failing (a bad row, a volunteer registered meanwhile
 * with the same ID, a stopped server) rolls it all back.
 */
@Service
public class VolunteerImports {

	public static final Set<String> IMPORTING_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF);

	/** Temporary table the COPY fills; dropped at commit. */
	static final String STAGING_TABLE = """
			create temp table import_staging (
			    volunteer_number varchar(20), real_name varchar(50), name_initials varchar(50), id_type varchar(24),
			    id_number_cipher bytea, id_number_hash bytea, id_number_masked varchar(40), phone_cipher bytea,
			    phone_hash bytea, phone_masked varchar(20), phone_last4 char(4), gender char(1), birth_date date,
			    region_code varchar(12), region_path text collate "C", skills text[], availability varchar(200),
			    emergency_name varchar(50), emergency_phone_cipher bytea, emergency_phone_masked varchar(20),
			    guardian_name varchar(50), guardian_relation varchar(20), guardian_phone_cipher bytea,
			    guardian_phone_masked varchar(20), guardian_consent boolean, consent_version varchar(20)
			) on commit drop""";

	/** The staged rows into the volunteer table, in file order. */
	private static final String INSERT = """
			insert into volunteer (volunteer_number, real_name, name_initials, id_type, id_number_cipher,
			    id_number_hash, id_number_masked, phone_cipher, phone_hash, phone_masked, phone_last4, key_id,
			    gender, birth_date, region_code, region_path, skills, availability, emergency_name,
			    emergency_phone_cipher, emergency_phone_masked, guardian_name, guardian_relation,
			    guardian_phone_cipher, guardian_phone_masked, guardian_consent_at, consent_version, consent_at,
			    registered_by, created_at, updated_at, import_job_id)
			select volunteer_number, real_name, name_initials, id_type, id_number_cipher, id_number_hash,
			    id_number_masked, phone_cipher, phone_hash, phone_masked, phone_last4, ?, gender, birth_date,
			    region_code, region_path, skills, availability, emergency_name, emergency_phone_cipher,
			    emergency_phone_masked, guardian_name, guardian_relation, guardian_phone_cipher,
			    guardian_phone_masked, case when guardian_consent then ? end, consent_version, ?, ?, ?, ?, ?
			from import_staging""";

	private static final Logger log = LoggerFactory.getLogger(VolunteerImports.class);

	private static final int BATCH = 2_000;

	private static final int PROGRESS_EVERY = 10_000;

	/** Rows checked together on one thread: large enough to keep hand-overs rare, small enough for memory. */
	private static final int CHUNK = 500;

	/** Threads that check rows; the thread reading the file and PostgreSQL's COPY run beside them. */
	private static final int CHECKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

	private final ImportJobs jobs;

	private final Volunteers volunteers;

	private final PersonalDataCipher cipher;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final MessageSource messages;

	private final Clock clock;

	private final Path workDirectory;

	private final String cityPrefix;

	private final ImportFile.Limits limits;

	private final org.springframework.context.ApplicationEventPublisher events;

	private final org.springframework.transaction.support.TransactionTemplate transactions;

	/** One import at a time: each uses a core and a few hundred MB of disk; others queue. */
	private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "volunteer-import");
		thread.setDaemon(true);
		return thread;
	});

	/** Test seam: runs inside the load's transaction after the COPY, before the insert. */
	volatile LongConsumer beforeInsert = job -> {
	};

	/** Whether a load of so many rows rebuilds the indexes instead of keeping them (tests may force it). */
	volatile LongPredicate bulkLoad;

	VolunteerImports(ImportJobs jobs, Volunteers volunteers, PersonalDataCipher cipher, JdbcClient jdbc,
			DataSource dataSource, MessageSource messages, Clock clock,
			@Value("${wenming.volunteers.import.work-directory:${wenming.db.embedded-directory:wenming-data}/imports}") Path workDirectory,
			@Value("${wenming.volunteers.import.max-inflated-size:2GB}") org.springframework.util.unit.DataSize maxInflated,
			@Value("${wenming.regions.city:4412}") String homeCity,
			@Value("${wenming.volunteers.import.bulk-load-min-rows:100000}") long bulkLoadMinRows,
			org.springframework.context.ApplicationEventPublisher events,
			org.springframework.transaction.PlatformTransactionManager transactionManager) {
		this.events = events;
		this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
		this.jobs = jobs;
		this.volunteers = volunteers;
		this.cipher = cipher;
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.messages = messages;
		this.clock = clock;
		this.workDirectory = workDirectory.toAbsolutePath();
		this.cityPrefix = homeCity.length() >= 4 ? homeCity.substring(0, 4) : homeCity;
		this.bulkLoad = rows -> bulkLoadMinRows > 0 && rows >= bulkLoadMinRows && rows >= volunteerRowsEstimate();
		this.limits = new ImportFile.Limits(maxInflated.toBytes(), ImportFile.Limits.DEFAULT.maxEntries(),
				ImportFile.Limits.DEFAULT.maxRatio());
		// the folder is created by the first import, not at start (an external-database setup may have no data folder)
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
		Path directory = Files.createDirectories(workDirectory.resolve(String.valueOf(id)));
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

	/** The planner's estimate of the volunteer table's size: cheap, and close enough to choose a load mode. */
	private long volunteerRowsEstimate() {
		return jdbc.sql("select greatest(reltuples, 0)::bigint from pg_class where oid = 'volunteer'::regclass")
			.query(Long.class).single();
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

	private record Importer(String username, DataScope scope) {
	}

	// ---- the job ------------------------------------------------------------------------------------

	private void run(long id, Path directory, Importer importer, Locale locale) {
		jobs.started(id, OffsetDateTime.now(clock));
		Path upload = directory.resolve("upload");
		Path report = directory.resolve("errors.csv");
		Validation validation = null;
		long started = System.nanoTime();
		try {
			ImportFile.Kind kind = ImportFile.inspect(upload, limits);
			try (Connection connection = dataSource.getConnection()) {
				connection.setAutoCommit(false);
				try {
					try (Statement statement = connection.createStatement()) {
						statement.execute(STAGING_TABLE);
					}
					// the checked rows stream into COPY as they come: PostgreSQL stores them while the rest is checked
					try (PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
							"copy import_staging (" + StagingRows.COLUMNS + ") from stdin", 1 << 16);
							ImportRows rows = kind.format() == ImportFile.Format.XLSX ? new XlsxRows(upload)
									: new CsvRows(upload, kind.charset(), kind.bomLength())) {
						validation = new Validation(id, importer, locale, copy, report);
						validation.run(rows);
					}
					if (validation.errors > 0) {
						connection.rollback();
						jobs.finish(id, ImportJob.Status.REFUSED, null, null, validation.read, validation.ok,
								validation.errors, 0, report.toString(), OffsetDateTime.now(clock));
						return;
					}
					if (validation.read == 0) {
						throw new ImportRefusedException("volunteer.import.refused.noRows");
					}
					Files.deleteIfExists(upload);
					jobs.importing(id, validation.read, validation.ok);
					long validated = System.nanoTime();
					Load load = load(connection, id, validation.read, importer);
					connection.commit();
					// the load runs on a connection of its own, outside Spring's transactions: the event is
					// stored (publication registry) in a short transaction right after the commit
					transactions.executeWithoutResult(tx -> events.publishEvent(
							new org.wenming.volunteer.VolunteersRegistered("import:" + id, load.registeredAt(), load.regions())));
					if (load.indexesRebuilt() > 0) {
						try (Statement statement = connection.createStatement()) {
							statement.execute("analyze volunteer");
						}
					}
					log.info("Import job {}: {} rows checked and streamed in {} ms, loaded in {} ms ({})", id,
							validation.read, (validated - started) / 1_000_000,
							(System.nanoTime() - validated) / 1_000_000, load.indexesRebuilt() > 0
									? "bulk load, " + load.indexesRebuilt() + " indexes and constraints rebuilt" : "indexes kept");
					jobs.finish(id, ImportJob.Status.DONE, null, null, validation.read, validation.ok, 0,
							load.imported(), null, OffsetDateTime.now(clock));
				}
				catch (SQLException | IOException | RuntimeException ex) {
					connection.rollback();
					throw ex;
				}
				finally {
					connection.setAutoCommit(true);
				}
			}
		}
		catch (ImportRefusedException ex) {
			String detail = ex.arguments().length == 0 ? null : String.valueOf(ex.arguments()[0]);
			jobs.finish(id, ImportJob.Status.REFUSED, ex.messageKey(), detail, validation == null ? 0 : validation.read,
					0, 0, 0, null, OffsetDateTime.now(clock));
		}
		catch (SQLException ex) {
			boolean duplicate = "23505".equals(ex.getSQLState());
			// nothing personal: the SQL state and the job id only
			log.warn("Import job {} rolled back: SQL state {}", id, ex.getSQLState());
			jobs.finish(id, ImportJob.Status.FAILED,
					duplicate ? "volunteer.import.failed.duplicate" : "volunteer.import.failed", null,
					validation == null ? 0 : validation.read, validation == null ? 0 : validation.ok, 0, 0, null,
					OffsetDateTime.now(clock));
		}
		catch (Exception ex) {
			// a COPY refused by the server arrives wrapped in an IOException: report its SQL state, never its text
			String state = ex.getCause() instanceof SQLException sql ? sql.getSQLState() : null;
			log.warn("Import job {} failed: {} {}", id, ex.getClass().getName(), state == null ? "" : state);
			jobs.finish(id, ImportJob.Status.FAILED, "volunteer.import.failed", null,
					validation == null ? 0 : validation.read, 0, 0, 0, null, OffsetDateTime.now(clock));
		}
		finally {
			deleteQuietly(upload);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete {}", file.getFileName());
		}
	}

	private record Load(int imported, int indexesRebuilt, OffsetDateTime registeredAt,
			List<org.wenming.volunteer.VolunteersRegistered.RegionCount> regions) {
	}

	/**
	 * Pass 2, in the transaction that already holds the staged rows: the volunteers in one statement.
	 * Which import brought each one in is their {@code import_job_id} (the job records who and when),
	 * so no history row is written per volunteer.
	 */
	private Load load(Connection connection, long id, int rows, Importer importer) throws SQLException {
		beforeInsert.accept(id);
		OffsetDateTime now = OffsetDateTime.now(clock);
		List<String[]> indexes = bulkLoad.test(rows) ? lockAndDropIndexes(connection) : List.of();
		int added;
		long insertStarted = System.nanoTime();
		try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
			int i = 1;
			insert.setString(i++, cipher.activeKeyId());
			insert.setObject(i++, now);
			insert.setObject(i++, now);
			insert.setString(i++, importer.username());
			insert.setObject(i++, now);
			insert.setObject(i++, now);
			insert.setLong(i++, id);
			added = insert.executeUpdate();
		}
		if (!indexes.isEmpty()) {
			long inserted = System.nanoTime();
			log.info("Import job {}: {} rows inserted in {} ms", id, added, (inserted - insertStarted) / 1_000_000);
			try (Statement statement = connection.createStatement()) {
				statement.execute("set local maintenance_work_mem = '256MB'");
				for (String[] index : indexes) {
					statement.execute(index[1]); // a unique index finding a duplicate fails the whole load here
				}
			}
			log.info("Import job {}: {} indexes and constraints built in {} ms", id, indexes.size(),
					(System.nanoTime() - inserted) / 1_000_000);
		}
		List<org.wenming.volunteer.VolunteersRegistered.RegionCount> regions = new java.util.ArrayList<>();
		try (Statement statement = connection.createStatement();
				java.sql.ResultSet rs = statement.executeQuery(
						"select region_path, count(*) from import_staging group by region_path")) {
			while (rs.next()) {
				regions.add(new org.wenming.volunteer.VolunteersRegistered.RegionCount(rs.getString(1), rs.getLong(2)));
			}
		}
		return new Load(added, indexes.size(), now, regions);
	}

	/**
	 * Bulk-load mode for a city's first migration (the file at least as large as the table and above
	 * {@code bulk-load-min-rows}): building the indexes once and checking the foreign keys once after
	 * the insert is several times faster than maintaining a dozen indexes and checking two foreign keys
	 * row by row. It needs the volunteer table to itself until the
	 * commit, so it gives way (and the rows go in with the indexes kept) when that lock is not had
	 * within 5 seconds. Everything, the dropped indexes included, is in the load's transaction: a
	 * failure rolls back to the table as it was. The primary key stays (other tables' foreign keys hang
	 * on it), as does any unique constraint a foreign key uses.
	 *
	 * @return for each dropped index, the statement that dropped it and the one that builds it again
	 */
	private List<String[]> lockAndDropIndexes(Connection connection) throws SQLException {
		Savepoint beforeLock = connection.setSavepoint();
		try (Statement statement = connection.createStatement()) {
			statement.execute("set local lock_timeout = '5s'");
			statement.execute("lock table volunteer in access exclusive mode");
			statement.execute("set local lock_timeout = 0");
		}
		catch (SQLException ex) {
			if (!"55P03".equals(ex.getSQLState())) {
				throw ex;
			}
			connection.rollback(beforeLock);
			log.info("Volunteer table busy: loading with its indexes kept");
			return List.of();
		}
		// names and definitions come from the catalogue, quoted by format(), never from input
		List<String[]> indexes = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				var found = statement.executeQuery(DROPPABLE_INDEXES)) {
			while (found.next()) {
				indexes.add(new String[] { found.getString(1), found.getString(2) });
			}
		}
		try (Statement statement = connection.createStatement()) {
			for (String[] index : indexes) {
				statement.execute(index[0]);
			}
		}
		return indexes;
	}

	/**
	 * The volunteer table's indexes but the primary key and those other tables' foreign keys need, then
	 * its own foreign keys (checked row by row on insert, they cost more than the indexes; added back,
	 * they are checked once, by one join), each with how to build it again. Order matters: unique
	 * constraints and indexes are rebuilt first, the foreign keys last.
	 */
	private static final String DROPPABLE_INDEXES = """
			select format('alter table volunteer drop constraint %I', c.conname),
			       format('alter table volunteer add constraint %I %s', c.conname, pg_get_constraintdef(c.oid))
			from pg_constraint c
			where c.conrelid = 'volunteer'::regclass and c.contype = 'u'
			  and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = c.conindid)
			union all
			select format('drop index %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
			from pg_index i
			where i.indrelid = 'volunteer'::regclass
			  and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
			union all
			select format('alter table volunteer drop constraint %I', c.conname),
			       format('alter table volunteer add constraint %I %s', c.conname, pg_get_constraintdef(c.oid))
			from pg_constraint c
			where c.conrelid = 'volunteer'::regclass and c.contype = 'f'""";

	/** Pass 1 over one file. */
	private final class Validation {

		final long id;

		final Importer importer;

		final Locale locale;

		final OutputStream copy;

		final Path reportFile;

		int read;

		int ok;

		int errors;

		final LocalDate today = volunteers.today();

		final Set<String> skillCodes = volunteers.skillCodes();

		final List<Skill> skills = volunteers.skills();

		final Set<String> cities = new HashSet<>(jdbc.sql("select code from region where level = :level")
				.param("level", RegionLevel.CITY.depth()).query(String.class).list());

		final Map<String, String> regionPaths = new HashMap<>();

		final LongIntMap idsSeen = new LongIntMap(1 << 16);

		final LongIntMap numbersUsed = new LongIntMap(1 << 16);

		/** Volunteer numbers are random, not derived from anything; seeded from the system's secure source. */
		final SplittableRandom random = new SplittableRandom(new java.security.SecureRandom().nextLong());

		final List<Pending> batch = new ArrayList<>(BATCH);

		ImportLayout layout;

		ErrorReport report;

		StagingRows staging;

		Validation(long id, Importer importer, Locale locale, OutputStream copy, Path reportFile) {
			this.id = id;
			this.importer = importer;
			this.locale = locale;
			this.copy = copy;
			this.reportFile = reportFile;
			jdbc.sql("select code, path from region").query(rs -> {
				regionPaths.put(rs.getString(1), rs.getString(2));
			});
		}

		void run(ImportRows rows) throws IOException {
			ImportRows.Row header = rows.header();
			if (header == null) {
				throw new ImportRefusedException("volunteer.import.refused.empty");
			}
			layout = ImportLayout.of(header.cells(), skills);
			ExecutorService checkers = Executors.newFixedThreadPool(CHECKERS, r -> {
				Thread thread = new Thread(r, "volunteer-import-check");
				thread.setDaemon(true);
				return thread;
			});
			try (ErrorReport errorReport = new ErrorReport(reportFile, messages, locale);
					StagingRows stagingRows = new StagingRows(copy)) {
				this.report = errorReport;
				this.staging = stagingRows;
				// rows are checked in chunks on CHECKERS threads and taken back in file order; at most
				// a few chunks are in flight, so memory stays bounded
				Deque<Future<List<Checked>>> inFlight = new ArrayDeque<>();
				List<ImportRows.Row> chunk = new ArrayList<>(CHUNK);
				ImportRows.Row row;
				while ((row = rows.next()) != null) {
					if (row.blank()) {
						continue;
					}
					read++;
					chunk.add(row);
					if (chunk.size() == CHUNK) {
						inFlight.add(submit(checkers, chunk));
						chunk = new ArrayList<>(CHUNK);
						while (inFlight.size() > 2 * CHECKERS) {
							accept(inFlight.poll());
						}
					}
					if (read % PROGRESS_EVERY == 0) {
						jobs.progress(id, read, ok, errors);
					}
				}
				if (!chunk.isEmpty()) {
					inFlight.add(submit(checkers, chunk));
				}
				while (!inFlight.isEmpty()) {
					accept(inFlight.poll());
				}
				flush();
			}
			finally {
				checkers.shutdownNow();
			}
		}

		private Future<List<Checked>> submit(ExecutorService checkers, List<ImportRows.Row> chunk) {
			return checkers.submit(() -> chunk.stream().map(this::inspect).toList());
		}

		/** Takes a checked chunk back, in file order, for what depends on the rows before it. */
		private void accept(Future<List<Checked>> checked) throws IOException {
			List<Checked> results;
			try {
				results = checked.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("import interrupted", ex);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw new IllegalStateException(ex.getCause());
			}
			for (Checked result : results) {
				accept(result);
				if (batch.size() >= BATCH) {
					flush();
				}
			}
		}

		/** What one row is on its own: its problems, or the row ready for COPY. Runs on any checker thread. */
		private Checked inspect(ImportRows.Row row) {
			ImportLayout.Cells cells = layout.read(row.cells());
			List<FieldProblem> problems = new ArrayList<>(cells.problems());
			VolunteerRules.Result result = VolunteerRules.check(cells.draft(), today, cities::contains, skillCodes);
			for (FieldProblem problem : result.problems()) {
				if (problems.stream().noneMatch(p -> p.field().equals(problem.field()))) {
					problems.add(problem);
				}
			}
			CheckedVolunteer v = result.volunteer();
			byte[] idHash = null;
			String line = null;
			if (v != null) {
				String path = regionPaths.get(v.regionCode());
				if (path == null) {
					problems.add(new FieldProblem("regionCode", "volunteer.error.regionUnknown"));
				}
				else if (!importer.scope().covers(path)) {
					problems.add(new FieldProblem("regionCode", "volunteer.error.regionOutOfScope"));
				}
				idHash = cipher.hashId(v.idType().name(), v.idNumber());
				if (problems.isEmpty()) {
					line = line(v, path, idHash, cells.consentVersion());
				}
			}
			return new Checked(row.number(), cells, problems, v, idHash, line);
		}

		/** What depends on the rows before: a repeated ID, the counts, the report, the next batch. */
		private void accept(Checked row) throws IOException {
			List<FieldProblem> problems = row.problems();
			Object[] duplicateOf = null;
			if (row.idHash() != null) {
				int earlier = idsSeen.putIfAbsent(ByteBuffer.wrap(row.idHash()).getLong(), (int) row.number());
				if (earlier >= 0) {
					problems = new ArrayList<>(problems);
					problems.add(new FieldProblem("idNumber", "volunteer.import.error.duplicateInFile"));
					duplicateOf = new Object[] { earlier };
				}
			}
			if (!problems.isEmpty()) {
				errors++;
				for (FieldProblem problem : problems) {
					ImportColumn column = ImportColumn.ofField(problem.field()).orElse(null);
					report.add(row.number(), column == null ? "" : layout.header(column), column,
							column == null ? "" : row.cells().raw().get(column), problem.messageKey(),
							problem.messageKey().endsWith("duplicateInFile") ? duplicateOf : null);
				}
				return;
			}
			ok++;
			batch.add(new Pending(row.number(), row.volunteer().idType().name(), row.idHash(),
					row.cells().raw().get(ImportColumn.ID_NUMBER), errors == 0 ? row.line() : null));
		}

		/** The row as the staging table takes it, ciphertexts included. */
		private String line(CheckedVolunteer v, String path, byte[] idHash, String consentVersion) {
			return new StagingRows.Line().text(v.realName()).text(PinyinInitials.of(v.realName()))
					.text(v.idType().name()).bytes(cipher.encrypt("id_number", v.idNumber())).bytes(idHash)
					.text(PersonalNumbers.maskId(v.idType(), v.idNumber())).bytes(cipher.encrypt("phone", v.phone()))
					.bytes(cipher.hashPhone(v.phone())).text(PersonalNumbers.maskPhone(v.phone()))
					.text(PersonalNumbers.last4(v.phone())).text(v.gender().name()).text(v.birthDate().toString())
					.text(v.regionCode()).text(path).codes(v.skills()).text(v.availability()).text(v.emergencyName())
					.bytes(v.emergencyPhone() == null ? null : cipher.encrypt("emergency_phone", v.emergencyPhone()))
					.text(v.emergencyPhone() == null ? null : PersonalNumbers.maskPhone(v.emergencyPhone()))
					.text(v.guardianName()).text(v.guardianRelation())
					.bytes(v.guardianPhone() == null ? null : cipher.encrypt("guardian_phone", v.guardianPhone()))
					.text(v.guardianPhone() == null ? null : PersonalNumbers.maskPhone(v.guardianPhone()))
					.flag(v.guardianConsent()).text(consentVersion).toString();
		}

		/** Checks a batch against the registered volunteers, then writes its rows with free volunteer numbers. */
		private void flush() throws IOException {
			if (batch.isEmpty()) {
				return;
			}
			Set<ByteBuffer> registered = registered(batch);
			List<Pending> clean = new ArrayList<>(batch.size());
			for (Pending pending : batch) {
				if (registered.contains(ByteBuffer.wrap(pending.idHash()))) {
					errors++;
					ok--;
					report.add(pending.row(), layout.header(ImportColumn.ID_NUMBER), ImportColumn.ID_NUMBER,
							pending.idValue(), "volunteer.import.error.alreadyRegistered");
				}
				else if (errors == 0 && pending.line() != null) {
					clean.add(pending);
				}
			}
			batch.clear();
			if (errors > 0) {
				return;
			}
			List<String> numbers = freeNumbers(clean.size());
			for (int i = 0; i < clean.size(); i++) {
				staging.write(numbers.get(i), clean.get(i).line());
			}
		}

		private Set<ByteBuffer> registered(List<Pending> pending) {
			Map<String, List<byte[]>> byType = new HashMap<>();
			pending.forEach(p -> byType.computeIfAbsent(p.idType(), t -> new ArrayList<>()).add(p.idHash()));
			Set<ByteBuffer> found = new HashSet<>();
			byType.forEach((type, hashes) -> jdbc.sql("""
					select id_number_hash from volunteer where id_type = :type and id_number_hash = any(:hashes)""")
					.param("type", type).param("hashes", hashes.toArray(new byte[0][]))
					.query((rs, i) -> ByteBuffer.wrap(rs.getBytes(1))).list().forEach(found::add));
			return found;
		}

		/** Random numbers unique within the file and not yet taken in the database. */
		private List<String> freeNumbers(int count) {
			List<String> numbers = new ArrayList<>(count);
			while (numbers.size() < count) {
				List<String> candidates = new ArrayList<>(count - numbers.size());
				while (candidates.size() < count - numbers.size()) {
					String number = VolunteerNumbers.next(cityPrefix, random);
					if (numbersUsed.putIfAbsent(VolunteerNumbers.asLong(number), 0) < 0) {
						candidates.add(number);
					}
				}
				Set<String> taken = new HashSet<>(jdbc.sql("""
						select volunteer_number from volunteer where volunteer_number = any(:numbers)""")
						.param("numbers", candidates.toArray(new String[0])).query(String.class).list());
				candidates.stream().filter(n -> !taken.contains(n)).forEach(numbers::add);
			}
			return numbers;
		}
	}

	private record Pending(long row, String idType, byte[] idHash, String idValue, String line) {
	}

	/** One row after the checks that need no other row; line is its COPY text when it has no problem. */
	private record Checked(long number, ImportLayout.Cells cells, List<FieldProblem> problems, CheckedVolunteer volunteer,
			byte[] idHash, String line) {
	}
}
