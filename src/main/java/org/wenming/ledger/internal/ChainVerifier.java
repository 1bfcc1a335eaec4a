package org.wenming.ledger.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;
import org.wenming.ledger.ChainVerdict;

/**
 * Walks the chain in seq order and recomputes every hash. Streams through a server-side cursor
 * (fetch size, inside a read-only repeatable-read transaction, so it sees one snapshot while
 * appends go on), so memory stays bounded whatever the length. Stops at the first broken link.
 */
@Component
public class ChainVerifier {

	static final int FETCH_SIZE = 5_000;

	private static final HexFormat HEX = HexFormat.of();

	private final JdbcTemplate streaming;

	private final TransactionTemplate snapshot;

	ChainVerifier(DataSource dataSource, PlatformTransactionManager transactions) {
		this.streaming = new JdbcTemplate(dataSource);
		this.streaming.setFetchSize(FETCH_SIZE);
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setReadOnly(true);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
	}

	/** The whole chain, from seq 1 (which must link to 32 zero bytes). */
	public ChainVerdict verify(LongConsumer progress) {
		return verifyFrom(1, progress);
	}

	/**
	 * The chain from {@code fromSeq} on; the record before it is trusted as stored (for checking
	 * a recent stretch, or a test's own records).
	 */
	public ChainVerdict verifyFrom(long fromSeq, LongConsumer progress) {
		long started = System.nanoTime();
		return snapshot.execute(status -> {
			Walk walk = new Walk(fromSeq, progress);
			if (fromSeq > 1) {
				walk.previousHash = streaming.query("select hash from service_record where seq = ?",
						(rs, n) -> rs.getBytes(1), fromSeq - 1).stream().findFirst().orElse(null);
				if (walk.previousHash == null) {
					return walk.broken(fromSeq - 1, "record missing", "a record", "none", started);
				}
			}
			try {
				streaming.query("""
					select seq, kind, volunteer_id, activity_id, shift_id, activity_type, activity_title, started_at,
					    ended_at, hours, organization_kind, organization_id, organization_name, region_path, recorded_by,
					    confirmed_by, corrects_seq, reason, approved_by, recorded_at, prev_hash, hash
					from service_record where seq >= ? order by seq""", rs -> {
					walk.check(rs, started);
					if (walk.verdict != null) {
						throw new StopWalk();
					}
				}, fromSeq);
			}
			catch (StopWalk stop) {
				// the first broken link is all the verdict reports
			}
			if (walk.verdict != null) {
				return walk.verdict;
			}
			var head = streaming.queryForMap("select last_seq, last_hash from ledger_head");
			long headSeq = ((Number) head.get("last_seq")).longValue();
			byte[] headHash = (byte[]) head.get("last_hash");
			long last = walk.expectedSeq - 1;
			if (headSeq != last || !Arrays.equals(headHash, walk.previousHash)) {
				return walk.broken(headSeq, "ledger_head does not point at the last record",
						"seq " + last + " " + HEX.formatHex(walk.previousHash),
						"seq " + headSeq + " " + HEX.formatHex(headHash), started);
			}
			return new ChainVerdict(true, walk.checked, last, null, null, null, null, millis(started));
		});
	}

	private static long millis(long started) {
		return (System.nanoTime() - started) / 1_000_000;
	}

	/** Ends the cursor loop at the first break instead of reading the rest of the chain. */
	private static final class StopWalk extends RuntimeException {

		StopWalk() {
			super(null, null, false, false);
		}
	}

	private static final class Walk {

		final RecordHash hash = new RecordHash();

		final LongConsumer progress;

		long expectedSeq;

		byte[] previousHash = RecordHash.GENESIS;

		long checked;

		ChainVerdict verdict;

		Walk(long fromSeq, LongConsumer progress) {
			this.expectedSeq = fromSeq;
			this.progress = progress;
		}

		void check(ResultSet rs, long started) throws SQLException {
			long seq = rs.getLong(1);
			if (seq != expectedSeq) {
				verdict = broken(expectedSeq, "seq gap", String.valueOf(expectedSeq), String.valueOf(seq), started);
				return;
			}
			byte[] prev = rs.getBytes(21);
			byte[] stored = rs.getBytes(22);
			if (!Arrays.equals(prev, previousHash)) {
				verdict = broken(seq, "prev_hash is not the previous record's hash", HEX.formatHex(previousHash),
						HEX.formatHex(prev), started);
				return;
			}
			byte[] computed = hash.hash(seq, rs.getString(2), rs.getLong(3), (Long) rs.getObject(4, Long.class),
					(Long) rs.getObject(5, Long.class), rs.getString(6), rs.getString(7),
					rs.getObject(8, java.time.OffsetDateTime.class), rs.getObject(9, java.time.OffsetDateTime.class),
					rs.getBigDecimal(10), rs.getString(11), rs.getLong(12), rs.getString(13), rs.getString(14),
					rs.getString(15), rs.getString(16), (Long) rs.getObject(17, Long.class), rs.getString(18),
					rs.getString(19), rs.getObject(20, java.time.OffsetDateTime.class), prev);
			if (!Arrays.equals(computed, stored)) {
				verdict = broken(seq, "content does not match its hash", HEX.formatHex(computed), HEX.formatHex(stored),
						started);
				return;
			}
			previousHash = stored;
			expectedSeq++;
			checked++;
			if (checked % 100_000 == 0) {
				progress.accept(checked);
			}
		}

		ChainVerdict broken(long seq, String problem, String expected, String found, long started) {
			return new ChainVerdict(false, checked, expectedSeq - 1, seq, problem, expected, found, millis(started));
		}
	}
}
