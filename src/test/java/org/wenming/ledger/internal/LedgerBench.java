package org.wenming.ledger.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.WenmingApplication;
import org.wenming.ledger.RecordKind;
import org.wenming.platform.CommandContext;
import org.wenming.shared.DataScope;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.ResidentIdNumber;
import org.wenming.volunteer.VolunteerDraft;
import org.wenming.volunteer.Volunteers;

/**
 * The ledger benchmarks, run by bench/ledger.sh from the test classpath against a throw-away data
 * folder: benchmark code, not part of the application, so the shipped jar cannot write benchmark
 * rows. Usage: {@code LedgerBench bench-append|bench-chain --bench-database=yes [--records=N]
 * [--batch=B] [--volunteers=V] [--wenming.db...]}; it still refuses without
 * {@code --bench-database=yes}, because the rows it writes stay.
 *
 * <ul>
 * <li>bench-append: appends {@code --records} records in batches of {@code --batch} (one
 * transaction each, through {@link LedgerWriter}: head lock, hashes, duplicate check, cap,
 * totals), then inserts the same rows in the same batches into a copy of the table without the
 * chain, and reports both rates and their ratio.
 * <li>bench-chain: extends the chain by {@code --records} valid records computed here and loaded
 * with COPY (a million per transaction), to give verification something large to walk. Totals
 * are not maintained for these rows.
 * </ul>
 */
public final class LedgerBench {

	private static final ScopedUser SYSTEM = new ScopedUser() {

		public long userId() {
			return 0;
		}

		public String username() {
			return "ledger-bench";
		}

		public String displayName() {
			return "ledger-bench";
		}

		public DataScope scope() {
			return DataScope.EVERYTHING;
		}

		public Set<String> roles() {
			return Set.of(Roles.SYSTEM_ADMIN);
		}
	};

	private static final String PATH = "44.4412.441202.";

	private final LedgerWriter writer;

	private final Volunteers volunteers;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final DataSource dataSource;

	private final TransactionTemplate transactions;

	LedgerBench(ConfigurableApplicationContext context) {
		this.writer = context.getBean(LedgerWriter.class);
		this.volunteers = context.getBean(Volunteers.class);
		this.jdbc = context.getBean(JdbcClient.class);
		this.template = context.getBean(JdbcTemplate.class);
		this.dataSource = context.getBean(DataSource.class);
		this.transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
	}

	public static void main(String[] args) {
		if (args.length < 1 || !List.of("bench-append", "bench-chain").contains(args[0])) {
			System.err.println("usage: LedgerBench bench-append|bench-chain --bench-database=yes [--records=N] [--batch=B]"
					+ " [--volunteers=V] [--wenming.db.embedded-directory=...]");
			System.exit(1);
		}
		if (!Arrays.asList(args).contains("--bench-database=yes")) {
			System.err.println("refused: this benchmark writes records that stay; run it on a throw-away database"
					+ " with --bench-database=yes (bench/ledger.sh does)");
			System.exit(1);
		}
		int status;
		try (ConfigurableApplicationContext context = CommandContext.start(WenmingApplication.class,
				List.of(args).subList(1, args.length))) {
			status = new LedgerBench(context).run(args[0], context.getEnvironment(), System.out);
		}
		System.exit(status);
	}

	int run(String command, Environment env, PrintStream out) {
		int records = env.getProperty("records", Integer.class, 100_000);
		int batch = env.getProperty("batch", Integer.class, 100);
		int people = env.getProperty("volunteers", Integer.class, 1000);
		List<Long> ids = volunteers(people, out);
		if ("bench-append".equals(command)) {
			append(records, batch, ids, out);
		}
		else {
			chain(records, ids, out);
		}
		return 0;
	}

	private List<Long> volunteers(int wanted, PrintStream out) {
		List<Long> ids = new ArrayList<>(jdbc.sql("select id from volunteer where registered_by = 'ledger-bench' order by id")
			.query(Long.class).list());
		long started = System.nanoTime();
		for (int i = ids.size(); i < wanted; i++) {
			String first17 = "441202" + LocalDate.of(1960, 1, 1).plusDays(i / 400).toString().replace("-", "")
					+ String.format("%03d", i % 400 + 100).substring(0, 3);
			// the 17th digit: odd men, even women; the sequence above keeps every number distinct
			String id = first17 + ResidentIdNumber.checkCode(first17);
			ids.add(volunteers.registerByStaff(new VolunteerDraft("测试志愿者", "RESIDENT_ID", id,
					"139" + String.format("%08d", i), null, null, "441202", List.of(), null, null, null, null, null,
					null, null, "true"), SYSTEM).id());
		}
		out.printf("volunteers: %d (registered now in %d ms)%n", ids.size(), (System.nanoTime() - started) / 1_000_000);
		return ids.subList(0, wanted);
	}

	private static NewRecord record(long i, List<Long> ids) {
		long volunteer = ids.get((int) (i % ids.size()));
		LocalDate day = LocalDate.of(2020, 1, 1).plusDays((i / ids.size()) % 2000);
		OffsetDateTime start = day.atTime(9, 0).atOffset(ZoneOffset.ofHours(8)).plusMinutes(i % 60);
		return new NewRecord(RecordKind.MANUAL, volunteer, null, null, "SERVICE", "基准测试活动", start,
				start.plusHours(2), new BigDecimal("2.0"), "TEAM", 1, "基准测试队", PATH, "ledger-bench", "ledger-bench",
				null, null, null);
	}

	private void append(int records, int batch, List<Long> ids, PrintStream out) {
		long first = jdbc.sql("select last_seq from ledger_head").query(Long.class).single();
		long started = System.nanoTime();
		for (long i = 0; i < records; i += batch) {
			List<NewRecord> rows = new ArrayList<>(batch);
			for (long j = i; j < Math.min(records, i + batch); j++) {
				rows.add(record(first + j, ids));
			}
			transactions.executeWithoutResult(s -> writer.append(rows));
		}
		double chainSeconds = (System.nanoTime() - started) / 1e9;
		long appended = jdbc.sql("select last_seq from ledger_head").query(Long.class).single() - first;
		template.execute("drop table if exists ledger_bench_plain");
		template.execute("create table ledger_bench_plain (like service_record including all)");
		String insert = LedgerWriter.INSERT_ARRAYS.replace("insert into service_record", "insert into ledger_bench_plain");
		byte[] zero = new byte[32];
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
		started = System.nanoTime();
		for (long i = 0; i < records; i += batch) {
			long from = i;
			long to = Math.min(records, i + batch);
			transactions.executeWithoutResult(s -> {
				List<org.wenming.ledger.ServiceRecord> rows = new ArrayList<>((int) (to - from));
				for (long j = from; j < to; j++) {
					NewRecord r = record(first + j, ids);
					rows.add(new org.wenming.ledger.ServiceRecord(first + j + 1, r.kind(), r.volunteerId(), null, null,
							r.activityType(), r.activityTitle(), r.startedAt(), r.endedAt(), r.hours(),
							r.organizationKind(), r.organizationId(), r.organizationName(), r.regionPath(),
							r.recordedBy(), r.confirmedBy(), null, null, null, now, zero, zero));
				}
				LedgerWriter.insert(template, insert, rows);
			});
		}
		double plainSeconds = (System.nanoTime() - started) / 1e9;
		template.execute("drop table ledger_bench_plain");
		out.printf("append with chain: %d records in %.2f s = %.0f records/s (batch %d, %d volunteers)%n", appended,
				chainSeconds, appended / chainSeconds, batch, ids.size());
		out.printf("plain insert of the same rows, same batches and statement, no chain or totals: %d records in %.2f s = %.0f records/s%n",
				records, plainSeconds, records / plainSeconds);
		out.printf("ratio chain/plain time: %.2f (chain rate is %.0f%% of plain)%n", chainSeconds / plainSeconds,
				100 * plainSeconds / chainSeconds);
	}

	private void chain(int records, List<Long> ids, PrintStream out) {
		RecordHash hash = new RecordHash();
		HexFormat hex = HexFormat.of();
		long started = System.nanoTime();
		long done = 0;
		while (done < records) {
			int chunk = (int) Math.min(1_000_000, records - done);
			long base = done;
			transactions.executeWithoutResult(s -> {
				var head = jdbc.sql("select last_seq, last_hash from ledger_head for update")
					.query((rs, n) -> new LedgerWriter.Head(rs.getLong(1), rs.getBytes(2))).single();
				long seq = head.lastSeq();
				byte[] prev = head.lastHash();
				OffsetDateTime recordedAt = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
				Connection connection = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource);
				try {
					CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
							copy service_record (seq, kind, volunteer_id, activity_type, activity_title, started_at,
							    ended_at, hours, organization_kind, organization_id, organization_name, region_path,
							    recorded_by, confirmed_by, recorded_at, prev_hash, hash) from stdin""");
					ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
					for (int k = 0; k < chunk; k++) {
						NewRecord r = record(base + k, ids);
						seq++;
						byte[] digest = hash.hash(seq, r.kind().name(), r.volunteerId(), null, null, r.activityType(),
								r.activityTitle(), r.startedAt(), r.endedAt(), r.hours(), r.organizationKind(),
								r.organizationId(), r.organizationName(), r.regionPath(), r.recordedBy(),
								r.confirmedBy(), null, null, null, recordedAt, prev);
						String line = seq + "\t" + r.kind().name() + "\t" + r.volunteerId() + "\t" + r.activityType()
								+ "\t" + r.activityTitle() + "\t" + r.startedAt() + "\t" + r.endedAt() + "\t"
								+ r.hours().toPlainString() + "\t" + r.organizationKind() + "\t" + r.organizationId()
								+ "\t" + r.organizationName() + "\t" + r.regionPath() + "\t" + r.recordedBy() + "\t"
								+ r.confirmedBy() + "\t" + recordedAt + "\t\\\\x" + hex.formatHex(prev) + "\t\\\\x"
								+ hex.formatHex(digest) + "\n";
						buffer.writeBytes(line.getBytes(StandardCharsets.UTF_8));
						if (buffer.size() > (1 << 20) - 4096) {
							copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
							buffer.reset();
						}
						prev = digest;
					}
					copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
					copy.endCopy();
				}
				catch (java.sql.SQLException ex) {
					throw new IllegalStateException("COPY failed", ex);
				}
				finally {
					org.springframework.jdbc.datasource.DataSourceUtils.releaseConnection(connection, dataSource);
				}
				jdbc.sql("update ledger_head set last_seq = :seq, last_hash = :hash").param("seq", seq)
					.param("hash", prev).update();
			});
			done += chunk;
			out.printf("  %,d records loaded (%.0f s)%n", done, (System.nanoTime() - started) / 1e9);
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		out.printf("chain extended by %,d records in %.1f s (%.0f records/s, computed and loaded with COPY)%n", records,
				seconds, records / seconds);
	}
}
