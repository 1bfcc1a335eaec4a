package org.wenming.ledger.transparency;

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
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.WenmingApplication;
import org.wenming.ledger.ChainVerdict;
import org.wenming.ledger.RecordKind;
import org.wenming.ledger.internal.ChainVerifier;
import org.wenming.ledger.internal.LedgerWriter;
import org.wenming.ledger.internal.NewRecord;
import org.wenming.platform.CommandContext;
import org.wenming.shared.DataScope;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.ResidentIdNumber;
import org.wenming.volunteer.VolunteerDraft;
import org.wenming.volunteer.Volunteers;

/**
 * The transparency log's benchmarks, run by bench/tree.sh from the test classpath against a throw-away data folder
 * (benchmark code, not part of the application). Usage: {@code TreeBench bench-append|bench-proofs|bench-recompute
 * --bench-database=yes [--records=N] [--batch=B] [--leaves=L] [--samples=S]}.
 *
 * <ul>
 * <li>bench-append: appends {@code --records} records through {@link LedgerWriter} three times in the same run:
 * without integration, with {@link LedgerTree#integrate()} running every second in another thread, and without
 * again; reports the rates and the ratio of the middle one to the mean of the others.
 * <li>bench-proofs: builds the tiles of a synthetic tree of {@code --leaves} random leaf hashes (one city, "9998",
 * loaded with COPY), reports their size on disk, then times {@code --samples} inclusion paths (seq → leaf index →
 * path, from the tiles, fresh per call) and consistency proofs over random sizes.
 * <li>bench-recompute: integrates every record, then walks them twice each way, alternately: the chain
 * ({@link ChainVerifier}) and the trees ({@link LedgerTree#recomputeAll()}).
 * </ul>
 */
public final class TreeBench {

	private static final ScopedUser SYSTEM = new ScopedUser() {

		public long userId() {
			return 0;
		}

		public String username() {
			return "tree-bench";
		}

		public String displayName() {
			return "tree-bench";
		}

		public DataScope scope() {
			return DataScope.EVERYTHING;
		}

		public Set<String> roles() {
			return Set.of(Roles.SYSTEM_ADMIN);
		}
	};

	private static final String CITY = "9998";

	private final ConfigurableApplicationContext context;

	private final LedgerTree tree;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final TransactionTemplate transactions;

	TreeBench(ConfigurableApplicationContext context) {
		this.context = context;
		this.tree = context.getBean(LedgerTree.class);
		this.jdbc = context.getBean(JdbcClient.class);
		this.dataSource = context.getBean(DataSource.class);
		this.transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
	}

	public static void main(String[] args) {
		if (args.length < 1 || !List.of("bench-append", "bench-proofs", "bench-recompute").contains(args[0])) {
			System.err.println("usage: TreeBench bench-append|bench-proofs|bench-recompute --bench-database=yes"
					+ " [--records=N] [--batch=B] [--leaves=L] [--samples=S] [--wenming.db.embedded-directory=...]");
			System.exit(1);
		}
		if (!Arrays.asList(args).contains("--bench-database=yes")) {
			System.err.println("refused: this benchmark writes rows that stay; run it on a throw-away database"
					+ " with --bench-database=yes (bench/tree.sh does)");
			System.exit(1);
		}
		int status;
		try (ConfigurableApplicationContext context = CommandContext.start(WenmingApplication.class,
				List.of(args).subList(1, args.length))) {
			status = new TreeBench(context).run(args[0], context.getEnvironment(), System.out);
		}
		System.exit(status);
	}

	int run(String command, Environment env, PrintStream out) {
		switch (command) {
			case "bench-append" -> append(env.getProperty("records", Integer.class, 50_000),
					env.getProperty("batch", Integer.class, 100), out);
			case "bench-proofs" -> proofs(env.getProperty("leaves", Long.class, 2_000_000L),
					env.getProperty("samples", Integer.class, 2_000), out);
			default -> recompute(out);
		}
		return 0;
	}

	// ---- (a) append rate with and without the integrator

	private List<Long> volunteers(int wanted) {
		Volunteers volunteers = context.getBean(Volunteers.class);
		List<Long> ids = new ArrayList<>(jdbc.sql("select id from volunteer where registered_by = 'tree-bench' order by id")
			.query(Long.class).list());
		for (int i = ids.size(); i < wanted; i++) {
			String first17 = "441202" + LocalDate.of(1961, 1, 1).plusDays(i / 400).toString().replace("-", "")
					+ String.format("%03d", i % 400 + 100).substring(0, 3);
			String id = first17 + ResidentIdNumber.checkCode(first17);
			ids.add(volunteers.registerByStaff(new VolunteerDraft("测试志愿者", "RESIDENT_ID", id,
					"138" + String.format("%08d", i), null, null, "441202", List.of(), null, null, null, null, null,
					null, null, "true"), SYSTEM).id());
		}
		return ids;
	}

	private static NewRecord record(long i, List<Long> ids) {
		long volunteer = ids.get((int) (i % ids.size()));
		LocalDate day = LocalDate.of(2020, 1, 1).plusDays((i / ids.size()) % 2000);
		OffsetDateTime start = day.atTime(9, 0).atOffset(ZoneOffset.ofHours(8)).plusMinutes(i % 60);
		// three cities, so integration appends to several trees per batch
		String path = switch ((int) (i % 3)) {
			case 0 -> "44.4412.441202.";
			case 1 -> "44.4413.441302.";
			default -> "44.4412.441203.";
		};
		return new NewRecord(RecordKind.MANUAL, volunteer, null, null, "SERVICE", "基准测试活动", start,
				start.plusHours(2), new BigDecimal("2.0"), "TEAM", 1, "基准测试队", path, "tree-bench", "tree-bench",
				null, null, null);
	}

	private double appendRun(long from, int records, int batch, List<Long> ids) {
		LedgerWriter writer = context.getBean(LedgerWriter.class);
		long started = System.nanoTime();
		for (long i = 0; i < records; i += batch) {
			List<NewRecord> rows = new ArrayList<>(batch);
			for (long j = i; j < Math.min(records, i + batch); j++) {
				rows.add(record(from + j, ids));
			}
			transactions.executeWithoutResult(s -> writer.append(rows));
		}
		return records / ((System.nanoTime() - started) / 1e9);
	}

	private void append(int records, int batch, PrintStream out) {
		List<Long> ids = volunteers(1000);
		long first = jdbc.sql("select last_seq from ledger_head").query(Long.class).single();
		// warm-up (JIT, caches), not counted
		int warm = Math.min(records, 5_000);
		appendRun(first, warm, batch, ids);
		first += warm;
		tree.integrate();
		double without1 = appendRun(first, records, batch, ids);
		tree.integrate();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong runs = new AtomicLong();
		AtomicLong integrateMillis = new AtomicLong();
		Thread integrator = new Thread(() -> {
			while (running.get()) {
				long t = System.nanoTime();
				tree.integrate();
				integrateMillis.addAndGet((System.nanoTime() - t) / 1_000_000);
				runs.incrementAndGet();
				try {
					Thread.sleep(1000);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "tree-integrator");
		integrator.start();
		double with = appendRun(first + records, records, batch, ids);
		running.set(false);
		integrator.interrupt();
		try {
			integrator.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		tree.integrate();
		double without2 = appendRun(first + 2L * records, records, batch, ids);
		tree.integrate();
		out.printf("append without integration: %.0f records/s (first run), %.0f records/s (third run)%n", without1,
				without2);
		out.printf("append with integrate() every second: %.0f records/s (%d integrations, %.1f ms each on average)%n",
				with, runs.get(), runs.get() == 0 ? 0.0 : (double) integrateMillis.get() / runs.get());
		out.printf("ratio with/without: %.2f%n", with / ((without1 + without2) / 2));
		for (String city : tree.cities()) {
			out.printf("  tree %s: %d leaves%n", city, tree.current(city).size());
		}
	}

	// ---- (b) proofs at a large size

	private void proofs(long leaves, int samples, PrintStream out) {
		TreeHash h = tree.suite().hash();
		long started = System.nanoTime();
		jdbc.sql("delete from ledger_tree_tile where city_code = :c").param("c", CITY).update();
		jdbc.sql("delete from ledger_tree where city_code = :c").param("c", CITY).update();
		SplittableRandom random = new SplittableRandom(18);
		long firstSeq = 1_000_000_000_000L;
		// level 0 streamed through COPY; the levels above kept in memory (1/256 of it) and written at the end
		List<ByteArrayOutputStream> upper = new ArrayList<>();
		HexFormat hex = HexFormat.of();
		transactions.executeWithoutResult(s -> {
			Connection connection = DataSourceUtils.getConnection(dataSource);
			try {
				CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
					.copyIn("copy ledger_tree_tile (city_code, level, idx, hashes, first_seq, seqs) from stdin");
				StringBuilder line = new StringBuilder(20_000);
				byte[] tile = new byte[256 * 32];
				byte[] seqs = new byte[256];
				Arrays.fill(seqs, (byte) 1);
				for (long t = 0; t * 256 < leaves; t++) {
					int count = (int) Math.min(256, leaves - t * 256);
					for (int i = 0; i < tile.length; i += 8) {
						long v = random.nextLong();
						for (int b = 0; b < 8; b++) {
							tile[i + b] = (byte) (v >>> (8 * b));
						}
					}
					byte[] tileHashes = Arrays.copyOf(tile, count * 32);
					// seqs: first_seq, then differences of 1 (varint of the first seq, then 0x01s)
					byte[] first = Tiles.encodeSeqs(new long[] { firstSeq + t * 256 }, 1);
					byte[] encoded = new byte[first.length + count - 1];
					System.arraycopy(first, 0, encoded, 0, first.length);
					Arrays.fill(encoded, first.length, encoded.length, (byte) 1);
					line.setLength(0);
					line.append(CITY).append("\t0\t").append(t).append("\t\\\\x").append(hex.formatHex(tileHashes))
						.append('\t').append(firstSeq + t * 256).append("\t\\\\x").append(hex.formatHex(encoded))
						.append('\n');
					byte[] bytes = line.toString().getBytes(StandardCharsets.US_ASCII);
					copy.writeToCopy(bytes, 0, bytes.length);
					if (count == 256) {
						climb(h, upper, 0, fold(h, tileHashes));
					}
				}
				copy.endCopy();
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException("COPY failed", ex);
			}
			finally {
				DataSourceUtils.releaseConnection(connection, dataSource);
			}
			for (int level = 0; level < upper.size(); level++) {
				byte[] all = upper.get(level).toByteArray();
				for (int t = 0; t * 256 * 32 < all.length; t++) {
					jdbc.sql("insert into ledger_tree_tile (city_code, level, idx, hashes) values (:c, :l, :i, :h)")
						.param("c", CITY).param("l", level + 1).param("i", t)
						.param("h", Arrays.copyOfRange(all, t * 256 * 32, Math.min(all.length, (t + 1) * 256 * 32)))
						.update();
				}
			}
			byte[] root = new Tiles(jdbc, h, CITY).hash(0, leaves);
			jdbc.sql("insert into ledger_tree (city_code, size, root, updated_at) values (:c, :s, :r, now())")
				.param("c", CITY).param("s", leaves).param("r", root).update();
		});
		jdbc.sql("vacuum analyze ledger_tree_tile").update();
		out.printf("synthetic tree of %,d leaves built and loaded in %.0f s%n", leaves, (System.nanoTime() - started) / 1e9);
		long total = jdbc.sql("select pg_total_relation_size('ledger_tree_tile')").query(Long.class).single();
		long tileRows = jdbc.sql("select count(*) from ledger_tree_tile where city_code = :c").param("c", CITY)
			.query(Long.class).single();
		out.printf("ledger_tree_tile on disk (table, TOAST, indexes): %,d MB for %,d tiles = %.1f bytes a leaf%n",
				total >> 20, tileRows, (double) total / leaves);

		SplittableRandom pick = new SplittableRandom(9);
		long[] inclusion = new long[samples];
		long[] consistency = new long[samples];
		long[] roots = new long[samples];
		for (int i = 0; i < samples; i++) {
			long size = 1 + pick.nextLong(leaves);
			long index = pick.nextLong(size);
			long t0 = System.nanoTime();
			Tiles tiles = new Tiles(jdbc, h, CITY);
			long found = tiles.leafIndex(firstSeq + index);
			List<byte[]> path = Merkle.inclusionPath(found, size, tiles);
			inclusion[i] = System.nanoTime() - t0;
			if (found != index || path.isEmpty() && size > 1) {
				throw new IllegalStateException("leaf " + index + " found at " + found);
			}
			long size1 = 1 + pick.nextLong(size);
			t0 = System.nanoTime();
			List<byte[]> proof = tree.consistency(CITY, size1, size);
			consistency[i] = System.nanoTime() - t0;
			t0 = System.nanoTime();
			byte[] root = tree.rootAt(CITY, size);
			roots[i] = System.nanoTime() - t0;
			if (i < 50) { // the first few checked end to end
				byte[] root1 = tree.rootAt(CITY, size1);
				if (!Merkle.verifyConsistency(h, size1, size, root1, root, proof)) {
					throw new IllegalStateException("consistency " + size1 + " → " + size + " does not verify");
				}
				byte[] leaf = tiles.tile(0, index / 256).hash((int) (index % 256));
				if (!Merkle.verifyInclusion(h, index, size, leaf, path, root)) {
					throw new IllegalStateException("inclusion of " + index + " in " + size + " does not verify");
				}
			}
		}
		out.printf("inclusion (seq → leaf index → path, %d random leaves and sizes): %s%n", samples, percentiles(inclusion));
		out.printf("consistency (LedgerTree.consistency, random size1 < size2):            %s%n", percentiles(consistency));
		out.printf("root at a random size (LedgerTree.rootAt):                            %s%n", percentiles(roots));
	}

	private static void climb(TreeHash h, List<ByteArrayOutputStream> upper, int level, byte[] hash) {
		while (upper.size() <= level) {
			upper.add(new ByteArrayOutputStream());
		}
		ByteArrayOutputStream tiles = upper.get(level);
		tiles.writeBytes(hash);
		int count = tiles.size() / 32;
		if (count % 256 == 0) {
			byte[] all = tiles.toByteArray();
			climb(h, upper, level + 1, fold(h, Arrays.copyOfRange(all, (count - 256) * 32, count * 32)));
		}
	}

	private static byte[] fold(TreeHash h, byte[] hashes) {
		List<byte[]> nodes = new ArrayList<>();
		for (int i = 0; i < hashes.length; i += 32) {
			nodes.add(Arrays.copyOfRange(hashes, i, i + 32));
		}
		while (nodes.size() > 1) {
			List<byte[]> next = new ArrayList<>();
			for (int i = 0; i < nodes.size(); i += 2) {
				next.add(Merkle.nodeHash(h, nodes.get(i), nodes.get(i + 1)));
			}
			nodes = next;
		}
		return nodes.get(0);
	}

	private static String percentiles(long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return String.format("p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms", sorted[sorted.length / 2] / 1e6,
				sorted[(int) (sorted.length * 0.95)] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
				sorted[sorted.length - 1] / 1e6);
	}

	// ---- (c) recompute against the chain walk

	private void recompute(PrintStream out) {
		long t = System.nanoTime();
		long before = jdbc.sql("select last_seq from ledger_tree_cursor").query(Long.class).single();
		tree.integrate();
		long after = jdbc.sql("select last_seq from ledger_tree_cursor").query(Long.class).single();
		out.printf("integrated %,d records in %.1f s (%.0f records/s)%n", after - before, (System.nanoTime() - t) / 1e9,
				(after - before) / ((System.nanoTime() - t) / 1e9));
		ChainVerifier verifier = context.getBean(ChainVerifier.class);
		long records = jdbc.sql("select last_seq from ledger_head").query(Long.class).single();
		for (int round = 1; round <= 2; round++) {
			long t0 = System.nanoTime();
			ChainVerdict verdict = verifier.verify(n -> { });
			double chain = (System.nanoTime() - t0) / 1e9;
			t0 = System.nanoTime();
			List<TreeCheck> checks = tree.recomputeAll();
			double trees = (System.nanoTime() - t0) / 1e9;
			long leaves = checks.stream().filter(c -> !c.cityCode().equals(CITY)).mapToLong(TreeCheck::size).sum();
			out.printf("round %d: chain walk of %,d records %.2f s (%s); tree recompute of %,d leaves in %d cities %.2f s"
					+ " (%s); ratio %.2f%n", round, records, chain, verdict.intact() ? "intact" : "BROKEN", leaves,
					checks.size(), trees, checks.stream().allMatch(TreeCheck::intact) ? "intact" : "MISMATCH",
					trees / chain);
		}
	}
}
