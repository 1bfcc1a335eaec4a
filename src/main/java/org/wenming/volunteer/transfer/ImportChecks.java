package org.wenming.volunteer.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.region.FieldProblem;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.region.RegionProperties;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.volunteer.CheckedVolunteer;
import org.wenming.volunteer.PersonalNumbers;
import org.wenming.volunteer.Skill;
import org.wenming.volunteer.VolunteerRules;
import org.wenming.volunteer.Volunteers;
import org.wenming.volunteer.internal.PersonalDataCipher;
import org.wenming.volunteer.internal.PinyinInitials;
import org.wenming.volunteer.internal.VolunteerNumbers;

/**
 * Checking (检查), pass 1 of an import: streams the file row by row through the volunteer module's
 * own rules ({@link VolunteerRules}), checks the region exists and lies in the importer's scope,
 * catches an ID repeated inside the file (8 bytes of each row's keyed hash with its row number, ~16
 * bytes a row) and one already registered (a look-up per batch of rows), and writes every problem to
 * the error report. While the file is clean so far it also streams each row, encrypted, into the
 * load's COPY ({@link StagingRows}), so PostgreSQL stores rows on the other core while this one checks
 * the next; memory stays the same whatever the file's size.
 *
 * <p>The look-ups run on connections of their own, autocommitted: the load's connection is busy with
 * its COPY until the pass ends.
 */
@Component
class ImportChecks {

	private static final int BATCH = 2_000;

	private static final int PROGRESS_EVERY = 10_000;

	/** Rows checked together on one thread: large enough to keep hand-overs rare, small enough for memory. */
	private static final int CHUNK = 500;

	/** Threads that check rows; the thread reading the file and PostgreSQL's COPY run beside them. */
	private static final int CHECKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

	private final ImportJobs jobs;

	private final Volunteers volunteers;

	private final Regions regions;

	private final PersonalDataCipher cipher;

	private final JdbcClient jdbc;

	private final MessageSource messages;

	private final String cityPrefix;

	private final TransactionTemplate outside;

	ImportChecks(ImportJobs jobs, Volunteers volunteers, Regions regions, PersonalDataCipher cipher, JdbcClient jdbc,
			MessageSource messages, RegionProperties regionProperties, PlatformTransactionManager transactionManager) {
		this.jobs = jobs;
		this.volunteers = volunteers;
		this.regions = regions;
		this.cipher = cipher;
		this.jdbc = jdbc;
		this.messages = messages;
		this.cityPrefix = regionProperties.city();
		this.outside = new TransactionTemplate(transactionManager);
		this.outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
	}

	/**
	 * What every row is checked against, read once before the pass: today, the skill dictionary, the
	 * Guangdong cities (for ID numbers) and every region's path by its code.
	 */
	record Rules(LocalDate today, Set<String> skillCodes, List<Skill> skills, Set<String> cities,
			Map<String, String> regionPaths) {
	}

	Rules rules() {
		Set<String> cities = new HashSet<>();
		Map<String, String> paths = new HashMap<>();
		for (Region region : regions.within(DataScope.EVERYTHING)) {
			paths.put(region.code(), region.path());
			if (region.level() == RegionLevel.CITY) {
				cities.add(region.code());
			}
		}
		return new Rules(volunteers.today(), volunteers.skillCodes(), volunteers.skills(), cities, paths);
	}

	/**
	 * A pass over one file that streams the clean rows into {@code copy} while no row had a problem;
	 * {@link Pass#run} checks them.
	 *
	 * @param firstRowsStaged told once, when the first rows went into the COPY (a test seam)
	 */
	Pass start(long job, VolunteerImports.Importer importer, Rules rules, Locale locale, OutputStream copy, Path report,
			Runnable firstRowsStaged) {
		return new Pass(job, importer, rules, locale, copy, report, firstRowsStaged);
	}

	/** Pass 1 over one file: how many rows were read, passed, and had a problem (then the report names each). */
	final class Pass {

		final long id;

		final VolunteerImports.Importer importer;

		final Rules rules;

		final Locale locale;

		final OutputStream copy;

		final Path reportFile;

		final Runnable firstRowsStaged;

		int read;

		int ok;

		int errors;

		final LongIntMap idsSeen = new LongIntMap(1 << 16);

		final LongIntMap numbersUsed = new LongIntMap(1 << 16);

		/** Volunteer numbers are random, not derived from anything; seeded from the system's secure source. */
		final SplittableRandom random = new SplittableRandom(new java.security.SecureRandom().nextLong());

		final List<Pending> batch = new ArrayList<>(BATCH);

		ImportLayout layout;

		ErrorReport report;

		StagingRows staging;

		boolean staged;

		Pass(long id, VolunteerImports.Importer importer, Rules rules, Locale locale, OutputStream copy, Path reportFile,
				Runnable firstRowsStaged) {
			this.id = id;
			this.importer = importer;
			this.rules = rules;
			this.locale = locale;
			this.copy = copy;
			this.reportFile = reportFile;
			this.firstRowsStaged = firstRowsStaged;
		}

		int read() {
			return read;
		}

		int ok() {
			return ok;
		}

		int errors() {
			return errors;
		}

		/** @throws ImportRefusedException when the whole file is refused (no header, unknown columns…) */
		void run(ImportRows rows) throws IOException {
			ImportRows.Row header = rows.header();
			if (header == null) {
				throw new ImportRefusedException("volunteer.import.refused.empty");
			}
			layout = ImportLayout.of(header.cells(), rules.skills());
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
			VolunteerRules.Result result = VolunteerRules.check(cells.draft(), rules.today(), rules.cities()::contains,
					rules.skillCodes());
			for (FieldProblem problem : result.problems()) {
				if (problems.stream().noneMatch(p -> p.field().equals(problem.field()))) {
					problems.add(problem);
				}
			}
			CheckedVolunteer v = result.volunteer();
			byte[] idHash = null;
			String line = null;
			if (v != null) {
				String path = rules.regionPaths().get(v.regionCode());
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
			if (!staged && !clean.isEmpty()) {
				staged = true;
				firstRowsStaged.run();
			}
		}

		private Set<ByteBuffer> registered(List<Pending> pending) {
			Map<String, List<byte[]>> byType = new HashMap<>();
			pending.forEach(p -> byType.computeIfAbsent(p.idType(), t -> new ArrayList<>()).add(p.idHash()));
			Set<ByteBuffer> found = new HashSet<>();
			byType.forEach((type, hashes) -> outside.execute(s -> jdbc.sql("""
					select id_number_hash from volunteer where id_type = :type and id_number_hash = any(:hashes)""")
					.param("type", type).param("hashes", hashes.toArray(new byte[0][]))
					.query((rs, i) -> ByteBuffer.wrap(rs.getBytes(1))).list()).forEach(found::add));
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
				Set<String> taken = new HashSet<>(outside.execute(s -> jdbc.sql("""
						select volunteer_number from volunteer where volunteer_number = any(:numbers)""")
						.param("numbers", candidates.toArray(new String[0])).query(String.class).list()));
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
