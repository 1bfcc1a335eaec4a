package org.wenming.ledger.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.ledger.LedgerFixtures;
import org.wenming.ledger.RecordKind;
import org.wenming.ledger.internal.LedgerWriter;
import org.wenming.ledger.internal.NewRecord;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteers;

/**
 * The trees on the database against the in-memory reference, over records appended through the ledger's writer:
 * roots, inclusion paths and consistency proofs at many sizes (inside tiles, on their edges, across levels);
 * integration idempotent and concurrent; one tree per city; a record changed behind the application's back found by
 * recomputation. Each test uses a city code of its own (region_path is not a foreign key), so other tests' records
 * do not move its trees.
 */
@WenmingTest
class LedgerTreeTest {

	private static final HexFormat HEX = HexFormat.of();

	@Autowired
	LedgerTree tree;

	@Autowired
	LedgerWriter writer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Volunteers volunteers;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	@Qualifier("applicationTaskExecutor")
	TaskExecutor listeners;

	long volunteerId;

	TransactionTemplate tx;

	@BeforeEach
	void volunteer() {
		tx = new TransactionTemplate(transactions);
		volunteerId = new LedgerFixtures(volunteers, events, transactions, jdbc, listeners).volunteer("441202").id();
	}

	/** {@code count} records of one hour on consecutive days from {@code firstDay}, in batches of 100. */
	private void append(String regionPath, int count, int firstDay) {
		OffsetDateTime base = OffsetDateTime.of(2015, 1, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8));
		for (int from = 0; from < count; from += 100) {
			List<NewRecord> batch = new ArrayList<>();
			for (int i = from; i < Math.min(count, from + 100); i++) {
				OffsetDateTime start = base.plusDays(firstDay + i);
				batch.add(new NewRecord(RecordKind.MANUAL, volunteerId, null, null, "SERVICE", "透明日志测试 " + i, start,
						start.plusHours(1), BigDecimal.ONE, "TEAM", 97, "透明日志测试队", regionPath, "tree-test",
						"tree-test", null, null, null));
			}
			tx.executeWithoutResult(s -> writer.append(batch));
		}
	}

	private List<Long> seqsOf(String city) {
		return jdbc.sql("select seq from service_record where split_part(region_path, '.', 2) = :c order by seq")
			.param("c", city)
			.query(Long.class)
			.list();
	}

	/** The reference: the leaf hashes of the city's records, re-encoded from the table. */
	private List<byte[]> referenceLeaves(List<Long> seqs) {
		TreeHash h = tree.suite().hash();
		return seqs.stream().map(seq -> Merkle.leafHash(h, tree.leafData(seq).orElseThrow())).toList();
	}

	private static List<String> hex(List<byte[]> hashes) {
		return hashes.stream().map(HEX::formatHex).toList();
	}

	@Test
	void theTreesRootsPathsAndProofsAreTheReferencesAtEverySize() {
		String city = "4497";
		TreeHash h = tree.suite().hash();
		// integrated in steps, so partial tiles are rewritten as they grow: 130, then 700, then 1,300 leaves
		append("44.4497.449701.", 130, 0);
		tree.integrate();
		append("44.4497.449702.", 570, 130);
		tree.integrate();
		append("44.4497.449701.", 600, 700);
		tree.integrate();
		List<Long> seqs = seqsOf(city);
		assertThat(seqs).hasSize(1300);
		List<byte[]> leaves = referenceLeaves(seqs);
		TreeState state = tree.current(city);
		assertThat(state.size()).isEqualTo(1300);
		assertThat(HEX.formatHex(state.root())).isEqualTo(HEX.formatHex(Merkle.root(h, leaves)));
		assertThat(tree.cities()).contains(city);

		List<Integer> sizes = new ArrayList<>(List.of(1, 2, 3, 7, 128, 130, 255, 256, 257, 300, 511, 512, 513, 700, 768,
				1000, 1023, 1024, 1025, 1280, 1299, 1300));
		Random random = new Random(67);
		for (int i = 0; i < 10; i++) {
			sizes.add(1 + random.nextInt(1300));
		}
		for (int size : sizes) {
			List<byte[]> prefix = leaves.subList(0, size);
			byte[] root = Merkle.root(h, prefix);
			assertThat(HEX.formatHex(tree.rootAt(city, size))).as("root at %d", size).isEqualTo(HEX.formatHex(root));
			for (int index : List.of(0, size - 1, size / 2, random.nextInt(size), Math.min(size - 1, 256))) {
				InclusionProof proof = tree.inclusion(seqs.get(index), size).orElseThrow();
				assertThat(proof.leafIndex()).isEqualTo(index);
				assertThat(proof.cityCode()).isEqualTo(city);
				assertThat(proof.treeSize()).isEqualTo(size);
				assertThat(proof.seq()).isEqualTo(seqs.get(index));
				assertThat(hex(proof.path())).as("path of %d in %d", index, size)
					.isEqualTo(hex(Merkle.inclusionPath(h, prefix, index)));
				assertThat(Merkle.verifyInclusion(h, index, size, Merkle.leafHash(h, proof.leafData()), proof.path(),
						root)).isTrue();
			}
			// a record not among the first `size` leaves
			if (size < 1300) {
				assertThat(tree.inclusion(seqs.get(size), size)).isEmpty();
			}
			for (int size1 : List.of(0, 1, size / 3, size - 1, size, random.nextInt(size + 1))) {
				List<byte[]> proof = tree.consistency(city, size1, size);
				assertThat(hex(proof)).as("%d→%d", size1, size)
					.isEqualTo(hex(Merkle.consistencyProof(h, prefix, size1)));
				assertThat(Merkle.verifyConsistency(h, size1, size, Merkle.root(h, leaves.subList(0, size1)), root,
						proof)).isTrue();
			}
		}
		// bad requests: sizes beyond the tree, size1 > size2
		assertThatThrownBy(() -> tree.rootAt(city, 1301)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> tree.inclusion(seqs.get(0), 1301)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> tree.consistency(city, 5, 4)).isInstanceOf(IllegalArgumentException.class);
		assertThat(tree.inclusion(Long.MAX_VALUE, 1)).isEmpty();
		assertThat(tree.cityOf(seqs.get(0))).contains(city);
		assertThat(tree.cityOf(Long.MAX_VALUE)).isEmpty();
		assertThat(tree.current("4490").size()).isZero();
		assertThat(tree.current("4490").root()).isEqualTo(Merkle.emptyRoot(h));
		// recomputed from the records: the same root
		TreeCheck check = tree.recompute(city);
		assertThat(check.intact()).isTrue();
		assertThat(check.size()).isEqualTo(1300);
	}

	@Test
	void tilesThreeLevelsHighGiveTheReferencesRootsAndPaths() {
		// 70,000 random leaves straight into the tiles (level 2 holds the 65,536-leaf subtree), rolled back afterwards
		TreeHash h = tree.suite().hash();
		Random random = new Random(70_000);
		List<byte[]> leaves = new ArrayList<>();
		for (int i = 0; i < 70_000; i++) {
			byte[] leaf = new byte[32];
			random.nextBytes(leaf);
			leaves.add(leaf);
		}
		tx.executeWithoutResult(status -> {
			Tiles tiles = new Tiles(jdbc, h, "9999");
			for (int i = 0; i < leaves.size(); i++) {
				tiles.append(i, leaves.get(i), 1_000_000_000L + 3L * i);
			}
			tiles.flush();
			Tiles read = new Tiles(jdbc, h, "9999");
			Merkle.Subtrees reference = Merkle.memory(h, leaves);
			for (long size : List.of(65_535L, 65_536L, 65_537L, 69_999L, 70_000L, 66_000L)) {
				assertThat(HEX.formatHex(read.hash(0, size))).isEqualTo(HEX.formatHex(reference.hash(0, size)));
				long index = random.nextInt((int) size);
				assertThat(hex(Merkle.inclusionPath(index, size, read)))
					.isEqualTo(hex(Merkle.inclusionPath(index, size, reference)));
				long size1 = random.nextInt((int) size);
				assertThat(hex(Merkle.consistencyProof(size1, size, read)))
					.isEqualTo(hex(Merkle.consistencyProof(size1, size, reference)));
			}
			assertThat(read.leafIndex(1_000_000_000L + 3L * 65_600)).isEqualTo(65_600);
			assertThat(read.leafIndex(1_000_000_000L + 3L * 65_600 + 1)).isEqualTo(-1);
			assertThat(jdbc.sql("select max(level) from ledger_tree_tile where city_code = '9999'").query(Integer.class)
				.single()).isEqualTo(2);
			status.setRollbackOnly();
		});
	}

	@Test
	void twoNodesIntegratingAtOnceMakeOneTreeWithoutDuplicatesOrGaps() throws Exception {
		String city = "4496";
		append("44.4496.449601.", 450, 0);
		int threads = 3;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				runs.add(pool.submit(() -> {
					start.await();
					tree.integrate();
					return null;
				}));
			}
			start.countDown();
			for (Future<?> run : runs) {
				run.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		List<Long> seqs = seqsOf(city);
		TreeState state = tree.current(city);
		assertThat(state.size()).isEqualTo(seqs.size());
		// the tiles' seqs are exactly the city's records, in order
		List<Long> leafSeqs = new ArrayList<>();
		jdbc.sql("select seqs from ledger_tree_tile where city_code = :c and level = 0 order by idx")
			.param("c", city)
			.query((rs, n) -> Tiles.decodeSeqs(rs.getBytes(1)))
			.list()
			.forEach(array -> java.util.Arrays.stream(array).forEach(leafSeqs::add));
		assertThat(leafSeqs).isEqualTo(seqs);
		assertThat(HEX.formatHex(state.root()))
			.isEqualTo(HEX.formatHex(Merkle.root(tree.suite().hash(), referenceLeaves(seqs))));
		long cursor = jdbc.sql("select last_seq from ledger_tree_cursor").query(Long.class).single();
		assertThat(cursor).isGreaterThanOrEqualTo(seqs.get(seqs.size() - 1));
		// again: nothing changes
		tree.integrate();
		assertThat(tree.current(city).size()).isEqualTo(state.size());
		assertThat(tree.current(city).root()).isEqualTo(state.root());
	}

	@Test
	void aSecondCitysRecordsLandInTheirOwnTree() {
		append("44.4494.449401.", 40, 0);
		append("44.4493.449301.", 30, 0);
		append("44.4494.449402.", 5, 40);
		tree.integrate();
		List<Long> first = seqsOf("4494");
		List<Long> second = seqsOf("4493");
		assertThat(tree.current("4494").size()).isEqualTo(45);
		assertThat(tree.current("4493").size()).isEqualTo(30);
		assertThat(tree.cities()).contains("4493", "4494");
		InclusionProof proof = tree.inclusion(second.get(7), 30).orElseThrow();
		assertThat(proof.cityCode()).isEqualTo("4493");
		assertThat(proof.leafIndex()).isEqualTo(7);
		InclusionProof later = tree.inclusion(first.get(42), 45).orElseThrow();
		assertThat(later.leafIndex()).isEqualTo(42);
		TreeHash h = tree.suite().hash();
		assertThat(Merkle.verifyInclusion(h, 42, 45, Merkle.leafHash(h, later.leafData()), later.path(),
				tree.current("4494").root())).isTrue();
		assertThat(tree.current("4493").root()).isEqualTo(Merkle.root(h, referenceLeaves(second)));
	}

	@Test
	void recomputationFindsARecordChangedBehindTheApplicationsBack() {
		String city = "4495";
		append("44.4495.449501.", 20, 0);
		tree.integrate();
		List<Long> seqs = seqsOf(city);
		assertThat(tree.recompute(city).intact()).isTrue();
		long tampered = seqs.get(11);
		TreeHash h = tree.suite().hash();
		try {
			// what a DBA can do and the application cannot: switch the V11 trigger off for one statement
			tx.executeWithoutResult(s -> {
				jdbc.sql("set local session_replication_role = replica").update();
				jdbc.sql("update service_record set hours = hours + 1 where seq = :s").param("s", tampered).update();
			});
			TreeCheck check = tree.recompute(city);
			assertThat(check.intact()).isFalse();
			assertThat(check.stored()).isEqualTo(tree.current(city).root());
			// and the changed record's proof no longer leads to the root
			InclusionProof proof = tree.inclusion(tampered, 20).orElseThrow();
			assertThat(Merkle.verifyInclusion(h, proof.leafIndex(), 20, Merkle.leafHash(h, proof.leafData()),
					proof.path(), tree.current(city).root())).isFalse();
			assertThat(tree.recomputeAll()).anyMatch(c -> c.cityCode().equals(city) && !c.intact());
		}
		finally {
			tx.executeWithoutResult(s -> {
				jdbc.sql("set local session_replication_role = replica").update();
				jdbc.sql("update service_record set hours = hours - 1 where seq = :s").param("s", tampered).update();
			});
		}
		assertThat(tree.recompute(city).intact()).isTrue();
	}

	@Test
	void anotherSuiteThanTheInstallationsRefusesToStartNamingTheSetting() {
		tree.integrate();
		Suite other = tree.suite() == Suite.SM2_SM3 ? Suite.ED25519_SHA256 : Suite.SM2_SM3;
		LedgerTree wrong = new LedgerTree(new TreeProperties(other, Duration.ofSeconds(5)), jdbc, dataSource,
				transactions);
		assertThatThrownBy(wrong::afterSingletonsInstantiated).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("wenming.ledger.tree.suite");
		assertThatThrownBy(() -> new TreeProperties(Suite.SM2_SM3, Duration.ofMillis(10)))
			.hasMessageContaining("wenming.ledger.tree.integrate-interval");
	}
}
