package org.wenming.ledger.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
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

	static final String INSERT = """
			insert into service_record (seq, kind, volunteer_id, activity_id, shift_id, activity_type, activity_title,
			    started_at, ended_at, hours, organization_kind, organization_id, organization_name, region_path,
			    recorded_by, confirmed_by, corrects_seq, reason, approved_by, recorded_at, prev_hash, hash)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final Clock clock;

	private final HoursPolicy policy;

	private final ThreadLocal<RecordHash> hashes = ThreadLocal.withInitial(RecordHash::new);

	LedgerWriter(JdbcClient jdbc, JdbcTemplate template, Clock clock, LedgerProperties properties) {
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
		insert(appended);
		jdbc.sql("update ledger_head set last_seq = :seq, last_hash = :hash").param("seq", seq).param("hash", prev)
			.update();
		updateTotals(appended, dayHours);
		return appended;
	}

	private NewRecord capped(NewRecord record, BigDecimal today) {
		if (record.kind() == RecordKind.CORRECTION) {
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

	private void insert(List<ServiceRecord> records) {
		template.batchUpdate(INSERT, records, 1000, (ps, r) -> {
			ps.setLong(1, r.seq());
			ps.setString(2, r.kind().name());
			ps.setLong(3, r.volunteerId());
			setLong(ps, 4, r.activityId());
			setLong(ps, 5, r.shiftId());
			ps.setString(6, r.activityType());
			ps.setString(7, r.activityTitle());
			ps.setObject(8, r.startedAt());
			ps.setObject(9, r.endedAt());
			ps.setBigDecimal(10, r.hours());
			ps.setString(11, r.organizationKind());
			ps.setLong(12, r.organizationId());
			ps.setString(13, r.organizationName());
			ps.setString(14, r.regionPath());
			ps.setString(15, r.recordedBy());
			ps.setString(16, r.confirmedBy());
			setLong(ps, 17, r.correctsSeq());
			ps.setString(18, r.reason());
			ps.setString(19, r.approvedBy());
			ps.setObject(20, r.recordedAt());
			ps.setBytes(21, r.prevHash());
			ps.setBytes(22, r.hash());
		});
	}

	private static void setLong(java.sql.PreparedStatement ps, int index, Long value) throws java.sql.SQLException {
		if (value == null) {
			ps.setNull(index, Types.BIGINT);
		}
		else {
			ps.setLong(index, value);
		}
	}

	/** Totals, year totals and day totals, one statement per table (aggregated per key first). */
	private void updateTotals(List<ServiceRecord> records, Map<DayKey, BigDecimal> dayHours) {
		Map<Long, Totals> perVolunteer = new LinkedHashMap<>();
		Map<List<Long>, Totals> perYear = new LinkedHashMap<>();
		Set<DayKey> touchedDays = new HashSet<>();
		for (ServiceRecord r : records) {
			int counted = r.kind() == RecordKind.CORRECTION ? 0 : 1;
			perVolunteer.merge(r.volunteerId(), new Totals(r.hours(), counted), Totals::plus);
			long year = day(r.startedAt()).getYear();
			perYear.merge(List.of(r.volunteerId(), year), new Totals(r.hours(), counted), Totals::plus);
			touchedDays.add(new DayKey(r.volunteerId(), day(r.startedAt())));
		}
		Timestamp now = Timestamp.from(clock.instant());
		template.batchUpdate("""
				insert into volunteer_hours (volunteer_id, hours, records, updated_at) values (?, ?, ?, ?)
				on conflict (volunteer_id) do update set hours = volunteer_hours.hours + excluded.hours,
				    records = volunteer_hours.records + excluded.records, updated_at = excluded.updated_at""",
				new ArrayList<>(perVolunteer.entrySet()), 1000, (ps, e) -> {
					ps.setLong(1, e.getKey());
					ps.setBigDecimal(2, e.getValue().hours());
					ps.setInt(3, e.getValue().records());
					ps.setTimestamp(4, now);
				});
		template.batchUpdate("""
				insert into volunteer_year_hours (volunteer_id, year, hours, records) values (?, ?, ?, ?)
				on conflict (volunteer_id, year) do update set hours = volunteer_year_hours.hours + excluded.hours,
				    records = volunteer_year_hours.records + excluded.records""",
				new ArrayList<>(perYear.entrySet()), 1000, (ps, e) -> {
					ps.setLong(1, e.getKey().get(0));
					ps.setInt(2, e.getKey().get(1).intValue());
					ps.setBigDecimal(3, e.getValue().hours());
					ps.setInt(4, e.getValue().records());
				});
		template.batchUpdate("""
				insert into volunteer_day_hours (volunteer_id, day, hours) values (?, ?, ?)
				on conflict (volunteer_id, day) do update set hours = excluded.hours""",
				new ArrayList<>(touchedDays), 1000, (ps, d) -> {
					ps.setLong(1, d.volunteerId());
					ps.setObject(2, d.day());
					ps.setBigDecimal(3, dayHours.get(d));
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
