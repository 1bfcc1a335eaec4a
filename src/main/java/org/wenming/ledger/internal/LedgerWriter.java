package org.wenming.ledger.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.ledger.LedgerRefusedException;
import org.wenming.ledger.RecordKind;
import org.wenming.ledger.ServiceRecord;
import org.wenming.shared.CityTime;

/**
 * Appends records to the chain. Locks {@code ledger_head} first, so appends are serialized and the
 * chain never forks; everything after the lock (the duplicate check, the daily cap, the totals)
 * reads a state no other append can change meanwhile. One call = one transaction = one batch.
 *
 * <p>The daily cap counts a record on the city day its service started: a shift from 22:00 to
 * 02:00 counts all its hours on the first day (so one shift is never split across two caps).
 */
@Component
public class LedgerWriter {

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final Clock clock;

	private final HoursPolicy policy;

	private final org.springframework.context.ApplicationEventPublisher events;

	private final ThreadLocal<RecordHash> hashes = ThreadLocal.withInitial(RecordHash::new);

	LedgerWriter(JdbcClient jdbc, JdbcTemplate template, Clock clock, LedgerProperties properties,
			org.springframework.context.ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.template = template;
		this.clock = clock;
		this.policy = HoursPolicy.of(properties);
	}

	public HoursPolicy policy() {
		return policy;
	}

	/**
	 * Appends the records in order (joining the caller's transaction). SERVICE records of an
	 * attendance already in the ledger are skipped, so a redelivered event credits nothing twice.
	 *
	 * @return the records appended
	 * @throws LedgerRefusedException when a correction would take a day above the cap or a total below zero
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public List<ServiceRecord> append(List<NewRecord> records) {
		if (records.isEmpty()) {
			return List.of();
		}
		Head head = jdbc.sql("select last_seq, last_hash from ledger_head for update")
			.query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2))).single();
		List<NewRecord> fresh = withoutCredited(records);
		if (fresh.isEmpty()) {
			return List.of();
		}
		Map<DayKey, BigDecimal> dayHours = dayHours(fresh);
		OffsetDateTime now = RecordHash.micros(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
		RecordHash hash = hashes.get();
		List<ServiceRecord> appended = new ArrayList<>(fresh.size());
		long seq = head.lastSeq();
		byte[] prev = head.lastHash();
		for (NewRecord draft : fresh) {
			DayKey day = new DayKey(draft.volunteerId(), day(draft.startedAt()));
			BigDecimal today = dayHours.getOrDefault(day, BigDecimal.ZERO);
			NewRecord record = capped(draft, today);
			dayHours.put(day, today.add(record.hours()));
			seq++;
			byte[] digest = hash.hash(seq, record.kind().name(), record.volunteerId(), record.activityId(),
					record.shiftId(), record.activityType(), record.activityTitle(), record.startedAt(),
					record.endedAt(), record.hours(), record.organizationKind(), record.organizationId(),
					record.organizationName(), record.regionPath(), record.recordedBy(), record.confirmedBy(),
					record.correctsSeq(), record.reason(), record.approvedBy(), now, prev);
			appended.add(new ServiceRecord(seq, record.kind(), record.volunteerId(), record.activityId(),
					record.shiftId(), record.activityType(), record.activityTitle(), record.startedAt(),
					record.endedAt(), record.hours(), record.organizationKind(), record.organizationId(),
					record.organizationName(), record.regionPath(), record.recordedBy(), record.confirmedBy(),
					record.correctsSeq(), record.reason(), record.approvedBy(), now, prev, digest));
			prev = digest;
		}
		write(appended, seq, prev, dayHours);
		// external records (served in another system) are in the chain and the volunteer's totals, not in the
		// city's dashboards: they are not announced
		List<ServiceRecord> announced = appended.stream().filter(r -> r.kind() != RecordKind.EXTERNAL).toList();
		if (announced.isEmpty()) {
			return appended;
		}
		events.publishEvent(new org.wenming.ledger.ServiceRecordsAppended(announced.stream()
			.map(r -> new org.wenming.ledger.ServiceRecordsAppended.Entry(r.seq(), r.kind(), r.volunteerId(),
					r.organizationKind(), r.organizationId(), r.regionPath(), r.activityType(), r.startedAt(), r.hours()))
			.toList()));
		return appended;
	}

	private NewRecord capped(NewRecord record, BigDecimal today) {
		if (record.kind() == RecordKind.CORRECTION || record.kind() == RecordKind.EXTERNAL) {
			BigDecimal after = today.add(record.hours());
			if (after.compareTo(policy.dailyCap()) > 0) {
				throw new LedgerRefusedException("hours", "ledger.error.dailyCap");
			}
			if (after.signum() < 0) {
				throw new LedgerRefusedException("hours", "ledger.error.belowZero");
			}
			return record;
		}
		BigDecimal credited = policy.capped(record.hours(), today);
		if (credited.compareTo(record.hours()) == 0) {
			return record;
		}
		// the reason column says why fewer hours were credited than served
		String why = "daily cap " + policy.dailyCap().toPlainString() + " h: " + credited.toPlainString() + " of "
				+ record.hours().toPlainString() + " h credited";
		return record.withHours(credited, record.reason() == null ? why : record.reason());
	}

	private List<NewRecord> withoutCredited(List<NewRecord> records) {
		Map<Long, Set<Long>> byShift = new HashMap<>();
		for (NewRecord r : records) {
			if (r.kind() == RecordKind.SERVICE) {
				byShift.computeIfAbsent(r.shiftId(), k -> new HashSet<>()).add(r.volunteerId());
			}
		}
		if (byShift.isEmpty()) {
			return records;
		}
		Set<List<Long>> credited = new HashSet<>();
		byShift.forEach((shift, volunteers) -> jdbc.sql("""
				select volunteer_id from service_record
				where kind = 'SERVICE' and shift_id = :shift and volunteer_id in (:volunteers)""")
			.param("shift", shift).param("volunteers", volunteers).query(Long.class).list()
			.forEach(v -> credited.add(List.of(shift, v))));
		List<NewRecord> fresh = new ArrayList<>();
		for (NewRecord r : records) {
			// also drops a second entry for the same attendance within one batch
			if (r.kind() != RecordKind.SERVICE || credited.add(List.of(r.shiftId(), r.volunteerId()))) {
				fresh.add(r);
			}
		}
		return fresh;
	}

	private Map<DayKey, BigDecimal> dayHours(List<NewRecord> records) {
		Map<DayKey, BigDecimal> hours = new HashMap<>();
		Set<DayKey> keys = new HashSet<>();
		records.forEach(r -> keys.add(new DayKey(r.volunteerId(), day(r.startedAt()))));
		List<Long> volunteers = keys.stream().map(DayKey::volunteerId).distinct().toList();
		List<LocalDate> days = keys.stream().map(DayKey::day).distinct().toList();
		jdbc.sql("select volunteer_id, day, hours from volunteer_day_hours where volunteer_id in (:v) and day in (:d)")
			.param("v", volunteers).param("d", days)
			.query((rs, n) -> Map.entry(new DayKey(rs.getLong(1), rs.getObject(2, LocalDate.class)), rs.getBigDecimal(3)))
			.list().forEach(e -> {
				if (keys.contains(e.getKey())) {
					hours.put(e.getKey(), e.getValue());
				}
			});
		return hours;
	}

	static LocalDate day(OffsetDateTime time) {
		return time.atZoneSameInstant(CityTime.ZONE).toLocalDate();
	}

	/** One statement per batch: the rows travel as arrays (one round trip, one plan) and unnest into the table. */
	static final String INSERT_ARRAYS = """
			insert into service_record (seq, kind, volunteer_id, activity_id, shift_id, activity_type, activity_title,
			    started_at, ended_at, hours, organization_kind, organization_id, organization_name, region_path,
			    recorded_by, confirmed_by, corrects_seq, reason, approved_by, recorded_at, prev_hash, hash)
			select * from unnest(cast(? as bigint[]), cast(? as text[]), cast(? as bigint[]), cast(? as bigint[]),
			    cast(? as bigint[]), cast(? as text[]), cast(? as text[]), cast(? as timestamptz[]),
			    cast(? as timestamptz[]), cast(? as numeric[]), cast(? as text[]), cast(? as bigint[]), cast(? as text[]),
			    cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as bigint[]), cast(? as text[]),
			    cast(? as text[]), cast(? as timestamptz[]), cast(? as bytea[]), cast(? as bytea[]))""";

	static void insert(JdbcTemplate template, String sql, List<ServiceRecord> records) {
		Object[][] columns = columns(records);
		template.update(connection -> {
			var statement = connection.prepareStatement(sql);
			for (int c = 0; c < columns.length; c++) {
				statement.setArray(c + 1, connection.createArrayOf(arrayType(columns[c]), columns[c]));
			}
			return statement;
		});
	}

	private static String arrayType(Object[] column) {
		return column instanceof Long[] ? "bigint" : column instanceof byte[][] ? "bytea" : "text";
	}

	/** The records column by column, in the order of the insert's columns. */
	private static Object[][] columns(List<ServiceRecord> records) {
		int n = records.size();
		Object[][] columns = new Object[22][];
		columns[0] = new Long[n];
		for (int c : new int[] { 1, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 17, 18, 19 }) {
			columns[c] = new String[n];
		}
		for (int c : new int[] { 2, 3, 4, 11, 16 }) {
			columns[c] = new Long[n];
		}
		columns[20] = new byte[n][];
		columns[21] = new byte[n][];
		for (int i = 0; i < n; i++) {
			ServiceRecord r = records.get(i);
			columns[0][i] = r.seq();
			columns[1][i] = r.kind().name();
			columns[2][i] = r.volunteerId();
			columns[3][i] = r.activityId();
			columns[4][i] = r.shiftId();
			columns[5][i] = r.activityType();
			columns[6][i] = r.activityTitle();
			columns[7][i] = r.startedAt().toString();
			columns[8][i] = r.endedAt().toString();
			columns[9][i] = r.hours().toPlainString();
			columns[10][i] = r.organizationKind();
			columns[11][i] = r.organizationId();
			columns[12][i] = r.organizationName();
			columns[13][i] = r.regionPath();
			columns[14][i] = r.recordedBy();
			columns[15][i] = r.confirmedBy();
			columns[16][i] = r.correctsSeq();
			columns[17][i] = r.reason();
			columns[18][i] = r.approvedBy();
			columns[19][i] = r.recordedAt().toString();
			columns[20][i] = r.prevHash();
			columns[21][i] = r.hash();
		}
		return columns;
	}

	/**
	 * The records, the new head and the three totals in one statement (data-modifying CTEs, the
	 * rows as arrays): one round trip per batch however many tables it touches.
	 */
	static final String WRITE = """
			with appended as (
			    insert into service_record (seq, kind, volunteer_id, activity_id, shift_id, activity_type, activity_title,
			        started_at, ended_at, hours, organization_kind, organization_id, organization_name, region_path,
			        recorded_by, confirmed_by, corrects_seq, reason, approved_by, recorded_at, prev_hash, hash)
			    select * from unnest(cast(? as bigint[]), cast(? as text[]), cast(? as bigint[]), cast(? as bigint[]),
			        cast(? as bigint[]), cast(? as text[]), cast(? as text[]), cast(? as timestamptz[]),
			        cast(? as timestamptz[]), cast(? as numeric[]), cast(? as text[]), cast(? as bigint[]),
			        cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as bigint[]),
			        cast(? as text[]), cast(? as text[]), cast(? as timestamptz[]), cast(? as bytea[]),
			        cast(? as bytea[]))),
			head as (
			    update ledger_head set last_seq = ?, last_hash = ?),
			totals as (
			    insert into volunteer_hours (volunteer_id, hours, records, updated_at)
			    select v, h, r, ? from unnest(cast(? as bigint[]), cast(? as numeric[]), cast(? as int[])) as t (v, h, r)
			    on conflict (volunteer_id) do update set hours = volunteer_hours.hours + excluded.hours,
			        records = volunteer_hours.records + excluded.records, updated_at = excluded.updated_at),
			years as (
			    insert into volunteer_year_hours (volunteer_id, year, hours, records)
			    select * from unnest(cast(? as bigint[]), cast(? as int[]), cast(? as numeric[]), cast(? as int[]))
			    on conflict (volunteer_id, year) do update set hours = volunteer_year_hours.hours + excluded.hours,
			        records = volunteer_year_hours.records + excluded.records)
			insert into volunteer_day_hours (volunteer_id, day, hours)
			select * from unnest(cast(? as bigint[]), cast(? as date[]), cast(? as numeric[]))
			on conflict (volunteer_id, day) do update set hours = excluded.hours""";

	private void write(List<ServiceRecord> records, long lastSeq, byte[] lastHash, Map<DayKey, BigDecimal> dayHours) {
		Map<Long, Totals> perVolunteer = new LinkedHashMap<>();
		Map<List<Long>, Totals> perYear = new LinkedHashMap<>();
		Set<DayKey> touchedDays = new java.util.LinkedHashSet<>();
		for (ServiceRecord r : records) {
			int counted = r.kind() == RecordKind.CORRECTION ? 0 : 1;
			perVolunteer.merge(r.volunteerId(), new Totals(r.hours(), counted), Totals::plus);
			long year = day(r.startedAt()).getYear();
			perYear.merge(List.of(r.volunteerId(), year), new Totals(r.hours(), counted), Totals::plus);
			touchedDays.add(new DayKey(r.volunteerId(), day(r.startedAt())));
		}
		Object[][] columns = columns(records);
		Timestamp now = Timestamp.from(clock.instant());
		template.update(connection -> {
			var statement = connection.prepareStatement(WRITE);
			int p = 1;
			for (Object[] column : columns) {
				statement.setArray(p++, connection.createArrayOf(arrayType(column), column));
			}
			statement.setLong(p++, lastSeq);
			statement.setBytes(p++, lastHash);
			statement.setTimestamp(p++, now);
			statement.setArray(p++, connection.createArrayOf("bigint", perVolunteer.keySet().toArray(Long[]::new)));
			statement.setArray(p++, connection.createArrayOf("numeric",
					perVolunteer.values().stream().map(Totals::hours).toArray(BigDecimal[]::new)));
			statement.setArray(p++, connection.createArrayOf("int",
					perVolunteer.values().stream().map(Totals::records).toArray(Integer[]::new)));
			statement.setArray(p++, connection.createArrayOf("bigint",
					perYear.keySet().stream().map(k -> k.get(0)).toArray(Long[]::new)));
			statement.setArray(p++, connection.createArrayOf("int",
					perYear.keySet().stream().map(k -> k.get(1).intValue()).toArray(Integer[]::new)));
			statement.setArray(p++, connection.createArrayOf("numeric",
					perYear.values().stream().map(Totals::hours).toArray(BigDecimal[]::new)));
			statement.setArray(p++, connection.createArrayOf("int",
					perYear.values().stream().map(Totals::records).toArray(Integer[]::new)));
			statement.setArray(p++, connection.createArrayOf("bigint",
					touchedDays.stream().map(DayKey::volunteerId).toArray(Long[]::new)));
			statement.setArray(p++, connection.createArrayOf("text",
					touchedDays.stream().map(d -> d.day().toString()).toArray(String[]::new)));
			statement.setArray(p, connection.createArrayOf("numeric",
					touchedDays.stream().map(dayHours::get).toArray(BigDecimal[]::new)));
			return statement;
		});
	}

	record Head(long lastSeq, byte[] lastHash) {
	}

	record DayKey(long volunteerId, LocalDate day) {
	}

	record Totals(BigDecimal hours, int records) {

		Totals plus(Totals other) {
			return new Totals(hours.add(other.hours), records + other.records);
		}
	}
}
