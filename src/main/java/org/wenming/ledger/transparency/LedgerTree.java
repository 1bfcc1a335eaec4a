package org.wenming.ledger.transparency;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.ledger.internal.RecordHash;

/**
 * The ledger's transparency log on the database: one Merkle tree (RFC 9162) per city over its service records in
 * seq order, stored as tiles of height 8 ({@code ledger_tree_tile}). Records enter their trees by
 * {@link #integrate()} — a timed job every {@code wenming.ledger.tree.integrate-interval}, and the signer before it
 * signs — never in the append itself: the tree follows the chain within seconds (like a CT log's merge delay), and
 * the append path keeps its rate. See docs/notes/transparency.md, "The tree".
 */
@Service
@EnableConfigurationProperties(TreeProperties.class)
public class LedgerTree implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(LedgerTree.class);

	/** Records read and integrated per transaction. */
	static final int BATCH = 10_000;

	private static final String CITY = "split_part(region_path, '.', 2)";

	private final TreeProperties properties;

	private final JdbcClient jdbc;

	private final JdbcTemplate streaming;

	private final TransactionTemplate tx;

	private final TransactionTemplate snapshot;

	private final TreeHash h;

	LedgerTree(TreeProperties properties, JdbcClient jdbc, DataSource dataSource,
			PlatformTransactionManager transactions) {
		this.properties = properties;
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(dataSource);
		this.streaming.setFetchSize(5_000);
		this.tx = new TransactionTemplate(transactions);
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setReadOnly(true);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.h = properties.suite().hash();
	}

	/** At start: the suite the trees were built with must be the configured one. */
	@Override
	public void afterSingletonsInstantiated() {
		String recorded = jdbc.sql("select suite from ledger_tree_cursor").query(String.class).optional().orElse(null);
		checkSuite(recorded);
	}

	private void checkSuite(String recorded) {
		if (recorded != null && !recorded.equals(properties.suite().name())) {
			throw new IllegalStateException("wenming.ledger.tree.suite is " + properties.suite()
					+ ", but this installation's transparency log was built with " + recorded
					+ "; the suite is fixed at installation (set wenming.ledger.tree.suite=" + recorded + ")");
		}
	}

	/** The installation's suite. */
	public Suite suite() {
		return properties.suite();
	}

	/** How often the timed job integrates. */
	Duration interval() {
		return properties.integrateInterval();
	}

	/**
	 * Every record appended so far enters its city's tree; idempotent; safe with several nodes (each batch locks the
	 * cursor row, so a second caller waits and then finds the records integrated).
	 */
	public void integrate() {
		while (batch(true) == BATCH) {
			// the next batch, in a transaction of its own
		}
	}

	/** The timed job's integration: does nothing when another node holds the cursor. */
	void integrateUnlessBusy() {
		int done;
		do {
			done = batch(false);
		}
		while (done == BATCH);
	}

	/** One transaction: at most BATCH records; -1 when the cursor is locked elsewhere and we do not wait. */
	private int batch(boolean wait) {
		Integer done = tx.execute(status -> {
			var cursor = jdbc.sql("select last_seq, suite from ledger_tree_cursor for update" + (wait ? "" : " skip locked"))
				.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) })
				.optional();
			if (cursor.isEmpty()) {
				return -1;
			}
			long last = (Long) cursor.get()[0];
			checkSuite((String) cursor.get()[1]);
			if (cursor.get()[1] == null) {
				jdbc.sql("update ledger_tree_cursor set suite = :suite").param("suite", properties.suite().name()).update();
			}
			RecordHash encoder = new RecordHash();
			Map<String, List<long[]>> seqs = new LinkedHashMap<>();
			Map<String, List<byte[]>> leaves = new HashMap<>();
			long[] lastSeq = { last };
			streaming.query("select " + RecordHash.COLUMNS + ", " + CITY
					+ " from service_record where seq > ? order by seq limit ?", rs -> {
						long seq = rs.getLong(1);
						if (seq != lastSeq[0] + 1) {
							throw new IllegalStateException("ledger tree: record " + (lastSeq[0] + 1)
									+ " is missing (next is " + seq + "); the chain has a gap");
						}
						String city = rs.getString(22);
						seqs.computeIfAbsent(city, c -> new ArrayList<>()).add(new long[] { seq });
						leaves.computeIfAbsent(city, c -> new ArrayList<>()).add(Merkle.leafHash(h, encoder.encode(rs)));
						lastSeq[0] = seq;
					}, last, BATCH);
			if (lastSeq[0] == last) {
				return 0;
			}
			OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
			for (var entry : seqs.entrySet()) {
				append(entry.getKey(), entry.getValue(), leaves.get(entry.getKey()), now);
			}
			jdbc.sql("update ledger_tree_cursor set last_seq = :seq").param("seq", lastSeq[0]).update();
			return (int) (lastSeq[0] - last);
		});
		return done == null ? 0 : done;
	}

	private void append(String city, List<long[]> seqs, List<byte[]> leafHashes, OffsetDateTime now) {
		long size = size(city);
		Tiles tiles = new Tiles(jdbc, h, city);
		for (int i = 0; i < leafHashes.size(); i++) {
			tiles.append(size + i, leafHashes.get(i), seqs.get(i)[0]);
		}
		long newSize = size + leafHashes.size();
		byte[] root = tiles.hash(0, newSize);
		tiles.flush();
		jdbc.sql("""
				insert into ledger_tree (city_code, size, root, updated_at) values (:city, :size, :root, :now)
				on conflict (city_code) do update set size = excluded.size, root = excluded.root, updated_at = excluded.updated_at""")
			.param("city", city)
			.param("size", newSize)
			.param("root", root)
			.param("now", now)
			.update();
	}

	private long size(String city) {
		return jdbc.sql("select size from ledger_tree where city_code = :city")
			.param("city", city)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	/** The cities with a tree. */
	public List<String> cities() {
		return jdbc.sql("select city_code from ledger_tree order by city_code").query(String.class).list();
	}

	/** A city's tree now; size 0 and the empty root when it has none. */
	public TreeState current(String cityCode) {
		return jdbc.sql("select size, root from ledger_tree where city_code = :city")
			.param("city", cityCode)
			.query((rs, n) -> new TreeState(cityCode, rs.getLong(1), rs.getBytes(2)))
			.optional()
			.orElseGet(() -> new TreeState(cityCode, 0, Merkle.emptyRoot(h)));
	}

	/** The root of the first {@code size} leaves, any size up to the current one. */
	public byte[] rootAt(String cityCode, long size) {
		checkSize(cityCode, size);
		return size == 0 ? Merkle.emptyRoot(h) : new Tiles(jdbc, h, cityCode).hash(0, size);
	}

	/**
	 * That record {@code seq} is in its city's tree of {@code treeSize} leaves; empty when the record is unknown or
	 * not among the first {@code treeSize} leaves (not yet integrated, or appended after that size).
	 *
	 * @throws IllegalArgumentException when the city's tree is smaller than {@code treeSize}
	 */
	public Optional<InclusionProof> inclusion(long seq, long treeSize) {
		Optional<String> city = cityOf(seq);
		if (city.isEmpty() || treeSize <= 0) {
			return Optional.empty();
		}
		checkSize(city.get(), treeSize);
		Tiles tiles = new Tiles(jdbc, h, city.get());
		long index = tiles.leafIndex(seq);
		if (index < 0 || index >= treeSize) {
			return Optional.empty();
		}
		byte[] leafData = leafData(seq).orElseThrow();
		return Optional.of(new InclusionProof(seq, city.get(), index, treeSize, leafData,
				Merkle.inclusionPath(index, treeSize, tiles)));
	}

	/**
	 * The consistency proof (RFC 9162 §2.1.4) from the city's tree of {@code size1} leaves to the one of
	 * {@code size2}; empty when size1 is 0 or size2.
	 *
	 * @throws IllegalArgumentException unless 0 ≤ size1 ≤ size2 ≤ the current size
	 */
	public List<byte[]> consistency(String cityCode, long size1, long size2) {
		if (size1 < 0 || size1 > size2) {
			throw new IllegalArgumentException("no consistency proof from size " + size1 + " to " + size2);
		}
		checkSize(cityCode, size2);
		return Merkle.consistencyProof(size1, size2, new Tiles(jdbc, h, cityCode));
	}

	/** The city of a record; empty for an unknown seq. */
	public Optional<String> cityOf(long seq) {
		return jdbc.sql("select " + CITY + " from service_record where seq = :seq")
			.param("seq", seq)
			.query(String.class)
			.optional();
	}

	/** The canonical encoding of a record as it is stored now (its leaf data); empty for an unknown seq. */
	public Optional<byte[]> leafData(long seq) {
		RecordHash encoder = new RecordHash();
		return jdbc.sql("select " + RecordHash.COLUMNS + " from service_record where seq = :seq")
			.param("seq", seq)
			.query((rs, n) -> encoder.encode(rs))
			.optional();
	}

	private void checkSize(String cityCode, long size) {
		long current = current(cityCode).size();
		if (size < 0 || size > current) {
			throw new IllegalArgumentException(
					"the tree of city " + cityCode + " has " + current + " leaves, not " + size);
		}
	}

	/**
	 * Recomputes a city's root from its records as they are stored now (re-encoded, the stored hash column not
	 * trusted), at the tree's size, in one snapshot, streaming; compared with the stored root.
	 */
	public TreeCheck recompute(String cityCode) {
		return recompute(List.of(cityCode)).get(0);
	}

	/** {@link #recompute(String)} for every city with a tree, in one pass over the records. */
	public List<TreeCheck> recomputeAll() {
		return snapshot.execute(status -> recompute(cities()));
	}

	private List<TreeCheck> recompute(List<String> cities) {
		return snapshot.execute(status -> {
			long started = System.nanoTime();
			Map<String, Compact> walks = new TreeMap<>();
			for (String city : cities) {
				walks.put(city, new Compact(current(city)));
			}
			long limit = jdbc.sql("select last_seq from ledger_tree_cursor").query(Long.class).single();
			RecordHash encoder = new RecordHash();
			String only = cities.size() == 1 ? " and " + CITY + " = ?" : "";
			Object[] args = cities.size() == 1 ? new Object[] { limit, cities.get(0) } : new Object[] { limit };
			streaming.query("select " + RecordHash.COLUMNS + ", " + CITY + " from service_record where seq <= ?" + only
					+ " order by seq", (ResultSet rs) -> {
						Compact walk = walks.get(rs.getString(22));
						if (walk != null && walk.count < walk.state.size()) {
							walk.add(Merkle.leafHash(h, encoder.encode(rs)));
						}
					}, args);
			long millis = (System.nanoTime() - started) / 1_000_000;
			return walks.values().stream()
				.map(w -> new TreeCheck(w.state.cityCode(), w.state.size(), w.state.root(), w.root(), millis))
				.toList();
		});
	}

	/** The root of a stream of leaves in O(log n) memory: the perfect subtrees so far, largest first. */
	private final class Compact {

		final TreeState state;

		final List<byte[]> hashes = new ArrayList<>();

		final List<Integer> heights = new ArrayList<>();

		long count;

		Compact(TreeState state) {
			this.state = state;
		}

		void add(byte[] leaf) {
			byte[] hash = leaf;
			int height = 0;
			while (!heights.isEmpty() && heights.get(heights.size() - 1) == height) {
				hash = Merkle.nodeHash(h, hashes.remove(hashes.size() - 1), hash);
				heights.remove(heights.size() - 1);
				height++;
			}
			hashes.add(hash);
			heights.add(height);
			count++;
		}

		byte[] root() {
			if (hashes.isEmpty()) {
				return Merkle.emptyRoot(h);
			}
			byte[] root = hashes.get(hashes.size() - 1);
			for (int i = hashes.size() - 2; i >= 0; i--) {
				root = Merkle.nodeHash(h, hashes.get(i), root);
			}
			return root;
		}
	}

	static void logged(Runnable run) {
		try {
			run.run();
		}
		catch (RuntimeException ex) {
			log.warn("Integrating new ledger records into the transparency log failed; the next run retries", ex);
		}
	}
}
