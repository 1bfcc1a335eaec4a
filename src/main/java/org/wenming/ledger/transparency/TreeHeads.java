package org.wenming.ledger.transparency;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.platform.SecurityAlarm;

/**
 * The signed heads of every city's tree (table {@code ledger_tree_head}, append-only). {@link #signNow} integrates
 * the records appended so far, checks that the tree still contains what the previous head promised (its signature
 * and a consistency proof from it to the tree now) and only then signs: a tree rewritten behind the application's
 * back is never signed, it raises {@link SecurityAlarm.Kind#LEDGER_INCONSISTENT} instead. Signing is serialized
 * across nodes by a PostgreSQL advisory lock held to the end of the signing transaction.
 */
@Service
public class TreeHeads {

	private static final Logger log = LoggerFactory.getLogger(TreeHeads.class);

	/** The advisory lock key that serializes signing (any node). */
	static final long SIGNING_LOCK = 0x5745_4e4d_4845_4144L; // "WENMHEAD"

	/** The ShedLock name of the timed signing job. */
	public static final String JOB_LOCK = "ledger-tree-heads";

	/** Most heads in one page of a list. */
	public static final int PAGE = 100;

	private static final String COLUMNS = "city_code, size, root, signed_at, suite, key_id, signature";

	private final LedgerTree tree;

	private final HeadSigner signer;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final TransactionTemplate alarmTx;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	@org.springframework.beans.factory.annotation.Autowired
	TreeHeads(LedgerTree tree, HeadSigner signer, JdbcClient jdbc, PlatformTransactionManager transactions,
			ApplicationEventPublisher events) {
		this(tree, signer, jdbc, transactions, events, Clock.systemUTC());
	}

	TreeHeads(LedgerTree tree, HeadSigner signer, JdbcClient jdbc, PlatformTransactionManager transactions,
			ApplicationEventPublisher events, Clock clock) {
		this.tree = tree;
		this.signer = signer;
		this.jdbc = jdbc;
		this.tx = new TransactionTemplate(transactions);
		this.alarmTx = new TransactionTemplate(transactions);
		this.alarmTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Integrates the records appended so far, checks the tree against the previous head and signs a new head of the
	 * city's tree (also when its size has not changed: time moves on, and witnesses see the log is alive).
	 *
	 * @throws LedgerInconsistentException when the tree no longer holds what the previous head signed (the head is
	 *         not signed; the alarm is in the security audit)
	 */
	public SignedHead signNow(String cityCode) {
		requireCity(cityCode);
		tree.integrate();
		return tx.execute(status -> {
			jdbc.sql("select pg_advisory_xact_lock(?)").param(SIGNING_LOCK).query().singleValue();
			TreeState state = tree.current(cityCode);
			Optional<SignedHead> previous = latest(cityCode);
			Instant time = clock.instant();
			if (previous.isPresent()) {
				SignedHead before = previous.get();
				String problem = inconsistency(before, state);
				if (problem != null) {
					refuse(cityCode, before, state, problem);
				}
				if (!time.isAfter(before.time())) {
					time = before.time().plusMillis(1);
				}
			}
			SignedHead head = signer.sign(new SignedHead(cityCode, state.size(), state.root(), time, signer.suite(), null, null));
			insert(head);
			log.info("Signed the tree head of city {}: size {}", cityCode, head.size());
			return head;
		});
	}

	/** Why {@code state} does not extend {@code before}, or null when it does. */
	private String inconsistency(SignedHead before, TreeState state) {
		if (before.suite() != signer.suite()) {
			return "the previous head is of the suite " + before.suite() + ", the installation's is " + signer.suite();
		}
		if (signer.publicKey().keyId().equals(before.keyId()) && !verify(before)) {
			return "the previous head's signature does not verify";
		}
		if (state.size() < before.size()) {
			return "the tree has " + state.size() + " leaves, fewer than the previous head's " + before.size();
		}
		if (state.size() == before.size()) {
			return Arrays.equals(state.root(), before.root()) ? null : "the tree's root at the same size differs";
		}
		if (before.size() == 0) {
			return Arrays.equals(before.root(), Merkle.emptyRoot(signer.suite().hash())) ? null
					: "the previous head of size 0 does not have the empty root";
		}
		List<byte[]> proof = tree.consistency(before.cityCode(), before.size(), state.size());
		return Merkle.verifyConsistency(signer.suite().hash(), before.size(), state.size(), before.root(), state.root(), proof)
				? null : "the tree now is not an extension of the previous head (the consistency proof fails)";
	}

	private void refuse(String cityCode, SignedHead before, TreeState state, String problem) {
		String detail = "city " + cityCode + ": " + problem + "; signed head size " + before.size() + " root "
				+ Base64.getEncoder().encodeToString(before.root()) + " at " + SignedHead.formatTime(before.time())
				+ " vs tree size " + state.size() + " root " + Base64.getEncoder().encodeToString(state.root());
		log.error("Tree head NOT signed: {}", detail);
		alarmTx.executeWithoutResult(s -> events.publishEvent(
				new SecurityAlarm(SecurityAlarm.Kind.LEDGER_INCONSISTENT, cityRegionPath(cityCode), detail)));
		throw new LedgerInconsistentException(detail);
	}

	/** The newest head of the city. */
	public Optional<SignedHead> latest(String cityCode) {
		return jdbc.sql("select " + COLUMNS + " from ledger_tree_head where city_code = ? order by signed_at desc, size desc limit 1")
			.param(cityCode)
			.query(TreeHeads::row)
			.optional();
	}

	/** The head of the city signed at {@code time} for {@code size} leaves. */
	public Optional<SignedHead> head(String cityCode, long size, Instant time) {
		return jdbc.sql("select " + COLUMNS + " from ledger_tree_head where city_code = ? and size = ? and signed_at = ?")
			.params(cityCode, size, OffsetDateTime.ofInstant(time, ZoneOffset.UTC))
			.query(TreeHeads::row)
			.optional();
	}

	/** The newest stored head that contains the leaf {@code leafIndex}; a new head when none does. */
	public SignedHead covering(String cityCode, long leafIndex) {
		return jdbc.sql("select " + COLUMNS + " from ledger_tree_head where city_code = ? and size > ? order by signed_at desc limit 1")
			.params(cityCode, leafIndex)
			.query(TreeHeads::row)
			.optional()
			.orElseGet(() -> signNow(cityCode));
	}

	/** Whether the head's signature verifies with the installation's public key. */
	public boolean verify(SignedHead head) {
		return HeadSigner.verify(head, signer.publicKey().encoded());
	}

	/** The installation's public key. */
	public PublicKeyInfo publicKey() {
		return signer.publicKey();
	}

	/**
	 * A page of the city's heads, newest first (by size, then time): those before ({@code size}, {@code time}),
	 * or before {@code size} when time is null, or the newest when both are null.
	 */
	public List<SignedHead> list(String cityCode, Long beforeSize, Instant beforeTime) {
		if (beforeSize == null) {
			return jdbc.sql("select " + COLUMNS + " from ledger_tree_head where city_code = ? order by size desc, signed_at desc limit ?")
				.params(cityCode, PAGE).query(TreeHeads::row).list();
		}
		if (beforeTime == null) {
			return jdbc.sql("select " + COLUMNS + " from ledger_tree_head where city_code = ? and size < ?"
					+ " order by size desc, signed_at desc limit ?")
				.params(cityCode, beforeSize, PAGE).query(TreeHeads::row).list();
		}
		return jdbc.sql("select " + COLUMNS + " from ledger_tree_head where city_code = ? and (size, signed_at) < (?, ?)"
				+ " order by size desc, signed_at desc limit ?")
			.params(cityCode, beforeSize, OffsetDateTime.ofInstant(beforeTime, ZoneOffset.UTC), PAGE)
			.query(TreeHeads::row).list();
	}

	/** The newest head of every city that has one, by city. */
	public List<SignedHead> latestOfEveryCity() {
		return jdbc.sql("select distinct on (city_code) " + COLUMNS + " from ledger_tree_head order by city_code, signed_at desc")
			.query(TreeHeads::row).list();
	}

	/** The newest heads of all cities, newest first. */
	public List<SignedHead> newest(int limit) {
		return jdbc.sql("select " + COLUMNS + " from ledger_tree_head order by signed_at desc, city_code limit ?")
			.param(limit).query(TreeHeads::row).list();
	}

	/** The cities that have a tree. */
	public List<String> cities() {
		return tree.cities();
	}

	/** The cities that have a tree, after integrating the records appended so far. */
	public List<String> integratedCities() {
		tree.integrate();
		return tree.cities();
	}

	/** The tree's current size of the city (0 for a city without records). */
	public TreeState tree(String cityCode) {
		return tree.current(cityCode);
	}

	/** The consistency proof between two sizes of the city's tree. */
	public List<byte[]> consistency(String cityCode, long size1, long size2) {
		return tree.consistency(cityCode, size1, size2);
	}

	private void insert(SignedHead head) {
		jdbc.sql("insert into ledger_tree_head (city_code, size, root, signed_at, suite, key_id, signature, checkpoint)"
				+ " values (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(head.cityCode(), head.size(), head.root(), OffsetDateTime.ofInstant(head.time(), ZoneOffset.UTC),
					head.suite().name(), head.keyId(), head.signature(), head.checkpoint())
			.update();
	}

	private static SignedHead row(ResultSet rs, int n) throws SQLException {
		return new SignedHead(rs.getString("city_code"), rs.getLong("size"), rs.getBytes("root"),
				rs.getObject("signed_at", OffsetDateTime.class).toInstant(), Suite.valueOf(rs.getString("suite")),
				rs.getString("key_id"), rs.getBytes("signature"));
	}

	static void requireCity(String cityCode) {
		if (cityCode == null || !cityCode.matches("\\d{4}")) {
			throw new IllegalArgumentException("city: a city's 4-digit code, was " + cityCode);
		}
	}

	/** The city's region path, e.g. {@code 44.4412.} for 4412. */
	static String cityRegionPath(String cityCode) {
		return cityCode.substring(0, 2) + "." + cityCode + ".";
	}
}
