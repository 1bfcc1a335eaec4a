package org.wenming.ledger;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.ledger.internal.HoursPolicy;
import org.wenming.ledger.internal.LedgerWriter;
import org.wenming.ledger.internal.RecordHash;
import org.wenming.platform.BulkLoadWindow;

/**
 * Appends a stream of SERVICE and MANUAL records to the chain in bulk (the demo city, a migration from
 * a previous system): each record's hash is computed with {@link RecordHash} exactly as the writer does,
 * the rows travel through {@code COPY} (streamed, so memory stays bounded whatever the count), the head
 * advances and the three totals tables are added to set-based from the new records. Runs only inside
 * the caller's transaction, holding the head's lock, so a failure anywhere leaves the chain as it was.
 *
 * <p>The rules are the writer's: hours a multiple of the rounding step and never negative, no more
 * than the daily cap credited to a volunteer on a city day (checked on the totals after the load),
 * one SERVICE record per attendance (the unique index), no corrections (those go one by one).
 */
@Service
public class LedgerBulkLoad {

	/** A record to append; the chain position, prev_hash and hash are the loader's. */
	public record BulkRecord(RecordKind kind, long volunteerId, Long activityId, Long shiftId, String activityType,
			String activityTitle, OffsetDateTime startedAt, OffsetDateTime endedAt, BigDecimal hours,
			String organizationKind, long organizationId, String organizationName, String regionPath,
			String recordedBy, String confirmedBy, String reason, OffsetDateTime recordedAt) {
	}

	/** Takes records in chain order. */
	@FunctionalInterface
	public interface Appender {

		void append(BulkRecord record);
	}

	/**
	 * What was appended: seq {@code firstSeq..lastSeq} ({@code records} = 0 when nothing was), and how
	 * long the COPY (with the producer's own work), the totals and the set-aside indexes took.
	 */
	public record Loaded(long firstSeq, long lastSeq, long records, BigDecimal hours, long copyMillis,
			long sendingMillis, long totalsMillis, long indexMillis) {
	}

	private static final String COPY = """
			copy service_record (seq, kind, volunteer_id, activity_id, shift_id, activity_type, activity_title,
			    started_at, ended_at, hours, organization_kind, organization_id, organization_name, region_path,
			    recorded_by, confirmed_by, corrects_seq, reason, approved_by, recorded_at, prev_hash, hash)
			from stdin (format text)""";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'");

	private static final HexFormat HEX = HexFormat.of();

	private static final int BUFFER = 1 << 20;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final HoursPolicy policy;

	LedgerBulkLoad(JdbcClient jdbc, DataSource dataSource, LedgerWriter writer) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.policy = writer.policy();
	}

	/** Hours credited for service from {@code start} to {@code end}: the ledger's rounding rule. */
	public BigDecimal round(java.time.Instant start, java.time.Instant end) {
		return policy.round(OffsetDateTime.ofInstant(start, ZoneOffset.UTC), OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
	}

	/** Hours brought to a multiple of the rounding step, as the ledger rounds. */
	public BigDecimal roundHours(BigDecimal hours) {
		return policy.roundHours(hours);
	}

	/**
	 * @param producer called once; appends the records in order
	 * @throws LedgerRefusedException naming the field when a record breaks a rule (the caller's
	 *         transaction must then roll back; nothing has been committed)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Loaded load(Consumer<Appender> producer) {
		return append(producer, false);
	}

	/**
	 * The same for a load of millions of records: the table's secondary indexes and foreign keys (and
	 * the totals tables' foreign keys) are set aside for the COPY and made again after the totals
	 * ({@link BulkLoadWindow}: a sorted index build and one set-based check of each foreign key instead
	 * of a lookup per row), all in the caller's transaction, which holds the table exclusively until it
	 * ends. The unique index is built again too, so a duplicate still fails the load.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Loaded loadLarge(Consumer<Appender> producer) {
		return append(producer, true);
	}

	private Loaded append(Consumer<Appender> producer, boolean large) {
		var head = jdbc.sql("select last_seq, last_hash from ledger_head for update")
				.query((rs, n) -> new Object[] { rs.getLong(1), rs.getBytes(2) }).single();
		long before = (Long) head[0];
		long started = System.nanoTime();
		// the totals tables keep their primary keys: the totals are added to with "on conflict"
		BulkLoadWindow window = large ? BulkLoadWindow.open(jdbc, List.of("service_record"),
				List.of("volunteer_hours", "volunteer_year_hours", "volunteer_day_hours")) : null;
		Connection connection = DataSourceUtils.getConnection(dataSource);
		Chain chain;
		try {
			CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
			chain = new Chain(copy, before, (byte[]) head[1]);
			try {
				producer.accept(chain::add);
				chain.flush();
				long t0 = System.nanoTime();
				copy.endCopy();
				chain.sending += System.nanoTime() - t0;
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("bulk append failed: " + ex.getMessage(), ex);
		}
		long copied = System.nanoTime();
		if (chain.count == 0) {
			if (window != null) {
				window.restore();
			}
			return new Loaded(before + 1, before, 0, BigDecimal.ZERO, 0, 0, 0, 0);
		}
		jdbc.sql("update ledger_head set last_seq = :seq, last_hash = :hash").param("seq", chain.seq)
				.param("hash", chain.prev).update();
		addTotals(before);
		long totalled = System.nanoTime();
		if (window != null) {
			window.restore();
		}
		return new Loaded(before + 1, chain.seq, chain.count, chain.hours, (copied - started) / 1_000_000,
				chain.sending / 1_000_000, (totalled - copied) / 1_000_000, (System.nanoTime() - totalled) / 1_000_000);
	}

	/** The three totals tables, added to from the new records in three set-based statements. */
	private void addTotals(long before) {
		// grouping millions of records: in memory rather than spilled to disk, for this transaction only
		String workMem = jdbc.sql("select current_setting('work_mem')").query(String.class).single();
		jdbc.sql("select set_config('work_mem', '256MB', true)").query(String.class).single();
		jdbc.sql("""
				insert into volunteer_hours (volunteer_id, hours, records, updated_at)
				select volunteer_id, sum(hours), count(*), now() from service_record where seq > :before
				group by volunteer_id order by volunteer_id
				on conflict (volunteer_id) do update set hours = volunteer_hours.hours + excluded.hours,
				    records = volunteer_hours.records + excluded.records, updated_at = excluded.updated_at""")
				.param("before", before).update();
		jdbc.sql("""
				insert into volunteer_year_hours (volunteer_id, year, hours, records)
				select volunteer_id, extract(year from started_at at time zone 'Asia/Shanghai')::int, sum(hours), count(*)
				from service_record where seq > :before group by 1, 2 order by 1, 2
				on conflict (volunteer_id, year) do update set hours = volunteer_year_hours.hours + excluded.hours,
				    records = volunteer_year_hours.records + excluded.records""")
				.param("before", before).update();
		// one row per volunteer and city day, about one per record: existing days are raised, the rest
		// inserted in key order (an "on conflict" upsert of 18 M rows took 157 s, this 112 s). Safe without
		// "on conflict" because every writer of the totals holds the chain's head lock, as this load does.
		int overCap = jdbc.sql("""
				with added as (
				    select volunteer_id, (started_at at time zone 'Asia/Shanghai')::date as day, sum(hours) as hours
				    from service_record where seq > :before group by 1, 2),
				raised as (
				    update volunteer_day_hours t set hours = t.hours + a.hours from added a
				    where t.volunteer_id = a.volunteer_id and t.day = a.day
				    returning t.volunteer_id, t.day, t.hours),
				fresh as (
				    insert into volunteer_day_hours (volunteer_id, day, hours)
				    select a.volunteer_id, a.day, a.hours from added a
				    where not exists (select 1 from raised r where r.volunteer_id = a.volunteer_id and r.day = a.day)
				    order by 1, 2
				    returning hours)
				select (select count(*) from raised where hours > :cap) + (select count(*) from fresh where hours > :cap)""")
				.param("before", before).param("cap", policy.dailyCap()).query(Integer.class).single();
		jdbc.sql("select set_config('work_mem', :value, true)").param("value", workMem).query(String.class).single();
		if (overCap > 0) {
			throw new LedgerRefusedException("hours", "ledger.error.dailyCap");
		}
	}

	/** The chain being extended: checks each record, hashes it, writes its COPY line. */
	private final class Chain {

		private final CopyIn copy;

		private final RecordHash hash = new RecordHash();

		private final StringBuilder line = new StringBuilder(BUFFER + 4096);

		long seq;

		byte[] prev;

		long count;

		BigDecimal hours = BigDecimal.ZERO;

		/** Time spent handing rows to the server (blocked when it is slower than the producer). */
		long sending;

		Chain(CopyIn copy, long seq, byte[] prev) {
			this.copy = copy;
			this.seq = seq;
			this.prev = prev;
		}

		void add(BulkRecord r) {
			check(r);
			OffsetDateTime started = RecordHash.micros(r.startedAt());
			OffsetDateTime ended = RecordHash.micros(r.endedAt());
			OffsetDateTime recorded = RecordHash.micros(r.recordedAt());
			BigDecimal credited = r.hours().setScale(1);
			seq++;
			byte[] digest = hash.hash(seq, r.kind().name(), r.volunteerId(), r.activityId(), r.shiftId(),
					r.activityType(), r.activityTitle(), started, ended, credited, r.organizationKind(),
					r.organizationId(), r.organizationName(), r.regionPath(), r.recordedBy(), r.confirmedBy(), null,
					r.reason(), null, recorded, prev);
			line.append(seq).append('\t').append(r.kind().name()).append('\t').append(r.volunteerId()).append('\t');
			nullable(r.activityId());
			nullable(r.shiftId());
			text(r.activityType());
			text(r.activityTitle());
			line.append(TIME.format(started.withOffsetSameInstant(ZoneOffset.UTC))).append('\t');
			line.append(TIME.format(ended.withOffsetSameInstant(ZoneOffset.UTC))).append('\t');
			line.append(credited.toPlainString()).append('\t');
			text(r.organizationKind());
			line.append(r.organizationId()).append('\t');
			text(r.organizationName());
			text(r.regionPath());
			text(r.recordedBy());
			text(r.confirmedBy());
			line.append("\\N\t");
			text(r.reason());
			line.append("\\N\t");
			line.append(TIME.format(recorded.withOffsetSameInstant(ZoneOffset.UTC))).append('\t');
			line.append("\\\\x").append(HEX.formatHex(prev)).append('\t');
			line.append("\\\\x").append(HEX.formatHex(digest)).append('\n');
			prev = digest;
			count++;
			hours = hours.add(credited);
			if (line.length() >= BUFFER) {
				flush();
			}
		}

		private void check(BulkRecord r) {
			if (r.kind() == RecordKind.CORRECTION) {
				throw new LedgerRefusedException("kind", "ledger.error.bulkCorrection");
			}
			if (r.kind() == RecordKind.SERVICE && (r.activityId() == null || r.shiftId() == null)) {
				throw new LedgerRefusedException("shiftId", "ledger.error.serviceWithoutShift");
			}
			BigDecimal h = r.hours();
			if (h == null || h.signum() < 0 || h.compareTo(policy.dailyCap()) > 0
					|| policy.roundHours(h).compareTo(h) != 0) {
				throw new LedgerRefusedException("hours", "ledger.error.hours");
			}
			if (r.endedAt().isBefore(r.startedAt())) {
				throw new LedgerRefusedException("endedAt", "ledger.error.span");
			}
			if (r.activityTitle() == null || r.activityTitle().isBlank()
					|| r.activityTitle().length() > ServiceLedger.TITLE_MAX) {
				throw new LedgerRefusedException("activityTitle", "ledger.error.tooLong");
			}
			if (!"TEAM".equals(r.organizationKind()) && !"SITE".equals(r.organizationKind())) {
				throw new LedgerRefusedException("organizationKind", "ledger.error.noSuchOrganization");
			}
		}

		private void nullable(Long value) {
			if (value == null) {
				line.append("\\N\t");
			}
			else {
				line.append(value.longValue()).append('\t');
			}
		}

		/** COPY's text format: backslash, tab, newline and carriage return escaped; null as \N. */
		private void text(String value) {
			if (value == null) {
				line.append("\\N\t");
				return;
			}
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				switch (c) {
					case '\\' -> line.append("\\\\");
					case '\t' -> line.append("\\t");
					case '\n' -> line.append("\\n");
					case '\r' -> line.append("\\r");
					default -> line.append(c);
				}
			}
			line.append('\t');
		}

		void flush() {
			if (line.length() == 0) {
				return;
			}
			byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
			line.setLength(0);
			long t0 = System.nanoTime();
			try {
				copy.writeToCopy(bytes, 0, bytes.length);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("bulk append failed: " + ex.getMessage(), ex);
			}
			sending += System.nanoTime() - t0;
		}
	}

}
