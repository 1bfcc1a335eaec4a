package org.wenming.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.activity.ActivityType;
import org.wenming.ledger.certificate.CertificateProperties;
import org.wenming.ledger.internal.HoursPolicy;
import org.wenming.ledger.internal.LedgerWriter;
import org.wenming.ledger.internal.NewRecord;
import org.wenming.ledger.transparency.HeadSigner;
import org.wenming.shared.CityTime;

/**
 * What the ledger offers record transfer (转移接续, issue 22): a volunteer's records as another system needs them
 * (hours by record, corrections folded into the record they correct), their figures and certificates, the
 * signature of an exported file by the key that signs the ledger's tree heads, and the entry of another system's
 * records as {@link RecordKind#EXTERNAL} records: in the hash chain and the volunteer's totals like any record,
 * unique on (source, source record id) so a second import adds nothing, and refused as a whole, row by row, when
 * any record overlaps one the volunteer already has, exceeds the daily cap or is not a plausible record.
 */
@Service
public class RecordTransfer {

	/** The organizer kind of an external record (the other system's organizer is known by name only). */
	public static final String EXTERNAL_ORGANIZER = "EXTERNAL";

	public static final int SOURCE_MAX = 64;

	public static final int SOURCE_REF_MAX = 128;

	/** A record of another system, as its file gives it; {@code row} numbers it for the error list. */
	public record ExternalRecord(int row, String source, String sourceRef, String activityType, String title,
			String organizer, OffsetDateTime startedAt, OffsetDateTime endedAt, BigDecimal hours) {
	}

	/** One refused row: its number, the field and the message key that explains it. */
	public record RowError(int row, String field, String messageKey) {
	}

	/** The records were refused; nothing was stored. */
	public static class ExternalRecordsRefused extends RuntimeException {

		private final List<RowError> errors;

		public ExternalRecordsRefused(List<RowError> errors) {
			super(errors.size() + " refused rows, the first: " + errors.get(0));
			this.errors = List.copyOf(errors);
		}

		public List<RowError> errors() {
			return errors;
		}
	}

	/** What an import did: records added and records already in the ledger from an earlier import (skipped). */
	public record Entered(int added, int skipped, BigDecimal hoursAdded) {
	}

	/**
	 * One of a volunteer's records for a file: a SERVICE, MANUAL or EXTERNAL record with the hours it counts now
	 * (its corrections added); {@code source}/{@code sourceRef} only for an EXTERNAL one (where it came from).
	 */
	public record ExportedRecord(long seq, RecordKind kind, String activityType, String title, String organizerKind,
			String organizerName, OffsetDateTime startedAt, OffsetDateTime endedAt, BigDecimal hours, String source,
			String sourceRef) {
	}

	/**
	 * A volunteer's figures: all records (own and external), and the external part on its own.
	 *
	 * @param hoursByType hours per activity type (all records), sorted by type
	 */
	public record Figures(BigDecimal totalHours, int records, BigDecimal externalHours, int externalRecords,
			Map<String, BigDecimal> hoursByType) {

		public BigDecimal ownHours() {
			return totalHours.subtract(externalHours);
		}
	}

	/** A certificate issued to the volunteer (the figures as printed) and where anyone can verify it. */
	public record IssuedCertificateSummary(String number, LocalDate periodFrom, LocalDate periodTo, BigDecimal hours,
			int records, LocalDate issuedOn, String verificationUrl) {
	}

	/** A signature by the ledger's signing key: suite, key id (hex) and the signature (base64). */
	public record FileSignature(String suite, String keyId, String value) {
	}

	private final JdbcClient jdbc;

	private final org.springframework.jdbc.core.JdbcTemplate template;

	private final LedgerWriter writer;

	private final HoursPolicy policy;

	private final HeadSigner signer;

	private final CertificateProperties certificates;

	private final Clock clock;

	RecordTransfer(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template, LedgerWriter writer,
			HeadSigner signer, CertificateProperties certificates, Clock clock) {
		this.jdbc = jdbc;
		this.template = template;
		this.writer = writer;
		this.policy = writer.policy();
		this.signer = signer;
		this.certificates = certificates;
		this.clock = clock;
	}

	// ---- export -------------------------------------------------------------------------------------

	private static final String RECORDS = """
			select r.seq, r.kind, r.activity_type, r.activity_title, r.organization_kind, r.organization_name,
			    r.started_at, r.ended_at, r.hours + coalesce(c.delta, 0) as hours, x.source, x.source_ref
			from service_record r
			left join (select corrects_seq, sum(hours) as delta from service_record
			           where volunteer_id = :v and kind = 'CORRECTION' group by corrects_seq) c on c.corrects_seq = r.seq
			left join service_record_external x on x.seq = r.seq
			where r.volunteer_id = :v and r.kind <> 'CORRECTION'
			order by r.started_at, r.seq""";

	/** The volunteer's records in time order, one at a time (memory holds one volunteer's rows at most). */
	@Transactional(readOnly = true)
	public void forEachRecord(long volunteerId, Consumer<ExportedRecord> each) {
		jdbc.sql(RECORDS).param("v", volunteerId).query((rs, n) -> {
			each.accept(new ExportedRecord(rs.getLong(1), RecordKind.valueOf(rs.getString(2)), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
					rs.getObject(8, OffsetDateTime.class), rs.getBigDecimal(9).setScale(1, RoundingMode.UNNECESSARY),
					rs.getString(10), rs.getString(11)));
			return Boolean.TRUE;
		}).list();
	}

	/** The volunteer's figures straight from the records (what the totals tables hold, recounted). */
	@Transactional(readOnly = true)
	public Figures figures(long volunteerId) {
		Map<String, BigDecimal> byType = new TreeMap<>();
		BigDecimal[] sums = { BigDecimal.ZERO.setScale(1), BigDecimal.ZERO.setScale(1) };
		int[] counts = { 0, 0 };
		jdbc.sql("""
				select coalesce(o.activity_type, r.activity_type), coalesce(o.kind, r.kind) = 'EXTERNAL', sum(r.hours),
				    count(*) filter (where r.kind <> 'CORRECTION')
				from service_record r left join service_record o on o.seq = r.corrects_seq
				where r.volunteer_id = :v group by 1, 2""")
			.param("v", volunteerId).query((rs, n) -> {
				BigDecimal hours = rs.getBigDecimal(3).setScale(1, RoundingMode.UNNECESSARY);
				byType.merge(rs.getString(1), hours, BigDecimal::add);
				sums[0] = sums[0].add(hours);
				counts[0] += rs.getInt(4);
				if (rs.getBoolean(2)) {
					sums[1] = sums[1].add(hours);
					counts[1] += rs.getInt(4);
				}
				return Boolean.TRUE;
			}).list();
		return new Figures(sums[0], counts[0], sums[1], counts[1], byType);
	}

	/** The certificates issued to the volunteer, oldest first, with their verification address. */
	@Transactional(readOnly = true)
	public List<IssuedCertificateSummary> certificates(long volunteerId, String siteUrl) {
		String base = certificates.publicUrl() != null ? certificates.publicUrl() : siteUrl.replaceAll("/+$", "");
		return jdbc.sql("""
				select number, period_from, period_to, total_hours, record_count, issued_on from service_certificate
				where volunteer_id = :v order by issued_at, id""")
			.param("v", volunteerId)
			.query((rs, n) -> new IssuedCertificateSummary(rs.getString(1), rs.getObject(2, LocalDate.class),
					rs.getObject(3, LocalDate.class), rs.getBigDecimal(4), rs.getInt(5), rs.getObject(6, LocalDate.class),
					base + "/certificates/" + rs.getString(1)))
			.list();
	}

	/** Signs {@code message} with the key that signs the ledger's tree heads. */
	public FileSignature sign(byte[] message) {
		return new FileSignature(signer.suite().name(), signer.publicKey().keyId(),
				Base64.getEncoder().encodeToString(signer.sign(message)));
	}

	/** This installation's public key (PEM): what a receiving system lists among its trusted sources. */
	public String publicKeyPem() {
		return signer.publicKey().pem();
	}

	/**
	 * Whether {@code signature} (base64) over {@code message} verifies with the PEM public key under the suite
	 * (ED25519_SHA256 or SM2_SM3) and its key id is {@code keyId}; false for anything malformed.
	 */
	public static boolean verifies(String suite, String keyId, String publicKeyPem, byte[] message, String signature) {
		try {
			byte[] der = HeadSigner.fromPem(publicKeyPem, "PUBLIC KEY");
			return HeadSigner.keyId(der).equals(keyId) && HeadSigner.verify(
					org.wenming.ledger.transparency.Suite.valueOf(suite), der, message, Base64.getDecoder().decode(signature));
		}
		catch (RuntimeException malformed) {
			return false;
		}
	}

	// ---- import -------------------------------------------------------------------------------------

	/**
	 * The errors the records would meet now (nothing is stored): for a preview, and the first pass of a bulk
	 * import. {@link #enterExternal} checks again under the chain's lock.
	 */
	@Transactional(readOnly = true)
	public List<RowError> check(long volunteerId, List<ExternalRecord> records) {
		return errors(volunteerId, records, duplicates(records));
	}

	/**
	 * Enters another system's records for the volunteer as EXTERNAL records, all or none: under the chain's lock
	 * the records already imported (same source and source record id) are skipped and every other one is checked;
	 * any error refuses them all.
	 *
	 * @throws ExternalRecordsRefused with every refused row, when any is
	 */
	@Transactional
	public Entered enterExternal(long volunteerId, List<ExternalRecord> records, String recordedBy) {
		// the chain's lock first: nothing can be appended for this volunteer between the checks and the append
		jdbc.sql("select last_seq from ledger_head for update").query(Long.class).single();
		Set<Integer> known = duplicates(records);
		List<RowError> errors = errors(volunteerId, records, known);
		if (!errors.isEmpty()) {
			throw new ExternalRecordsRefused(errors);
		}
		String regionPath = jdbc.sql("select region_path from published_volunteer where id = :v").param("v", volunteerId)
			.query(String.class).single();
		List<ExternalRecord> fresh = records.stream().filter(r -> !known.contains(r.row())).toList();
		List<NewRecord> drafts = fresh.stream()
			.map(r -> new NewRecord(RecordKind.EXTERNAL, volunteerId, null, null, r.activityType(), r.title(),
					r.startedAt(), r.endedAt(), r.hours().setScale(1, RoundingMode.UNNECESSARY), EXTERNAL_ORGANIZER, 0L,
					r.organizer(), regionPath, recordedBy, r.source(), null, reason(r), null))
			.toList();
		List<ServiceRecord> appended = writer.append(drafts);
		if (!appended.isEmpty()) {
			Long[] seqs = appended.stream().map(ServiceRecord::seq).toArray(Long[]::new);
			String[] sources = fresh.stream().map(ExternalRecord::source).toArray(String[]::new);
			String[] refs = fresh.stream().map(ExternalRecord::sourceRef).toArray(String[]::new);
			template.update(connection -> {
				var statement = connection.prepareStatement("""
						insert into service_record_external (seq, source, source_ref)
						select * from unnest(cast(? as bigint[]), cast(? as text[]), cast(? as text[]))""");
				statement.setArray(1, connection.createArrayOf("bigint", seqs));
				statement.setArray(2, connection.createArrayOf("text", sources));
				statement.setArray(3, connection.createArrayOf("text", refs));
				return statement;
			});
		}
		BigDecimal hours = appended.stream().map(ServiceRecord::hours).reduce(BigDecimal.ZERO.setScale(1), BigDecimal::add);
		return new Entered(appended.size(), records.size() - appended.size(), hours);
	}

	/** The reason the hash covers: where the record came from. */
	static String reason(ExternalRecord r) {
		return "external " + r.source() + " " + r.sourceRef();
	}

	/** Rows whose (source, source record id) is already in the ledger. */
	private Set<Integer> duplicates(List<ExternalRecord> records) {
		Set<Integer> rows = new HashSet<>();
		List<ExternalRecord> keyed = records.stream()
			.filter(r -> r.source() != null && r.sourceRef() != null && r.source().length() <= SOURCE_MAX
					&& r.sourceRef().length() <= SOURCE_REF_MAX)
			.toList();
		if (keyed.isEmpty()) {
			return rows;
		}
		// per source, the index (source, source_ref) answers "source = ? and source_ref in (…)" directly
		Set<String> stored = new HashSet<>();
		Map<String, List<String>> bySource = new HashMap<>();
		keyed.forEach(r -> bySource.computeIfAbsent(r.source(), k -> new ArrayList<>()).add(r.sourceRef()));
		bySource.forEach((source, refs) -> {
			for (int from = 0; from < refs.size(); from += 10_000) {
				jdbc.sql("select source_ref from service_record_external where source = :source and source_ref in (:refs)")
					.param("source", source).param("refs", refs.subList(from, Math.min(refs.size(), from + 10_000)))
					.query(String.class).list().forEach(ref -> stored.add(source + " " + ref));
			}
		});
		keyed.forEach(r -> {
			if (stored.contains(r.source() + " " + r.sourceRef())) {
				rows.add(r.row());
			}
		});
		return rows;
	}

	private static final Set<String> TYPES = Set.of(java.util.Arrays.stream(ActivityType.values()).map(Enum::name)
		.toArray(String[]::new));

	private List<RowError> errors(long volunteerId, List<ExternalRecord> records, Set<Integer> known) {
		List<RowError> errors = new ArrayList<>();
		OffsetDateTime now = OffsetDateTime.now(clock);
		Set<String> keys = new HashSet<>();
		List<ExternalRecord> plausible = new ArrayList<>();
		for (ExternalRecord r : records) {
			if (known.contains(r.row())) {
				continue;
			}
			int before = errors.size();
			text(errors, r.row(), "source", r.source(), SOURCE_MAX);
			text(errors, r.row(), "sourceRecordId", r.sourceRef(), SOURCE_REF_MAX);
			text(errors, r.row(), "title", r.title(), ServiceLedger.TITLE_MAX);
			text(errors, r.row(), "organizer", r.organizer(), 100);
			if (r.activityType() == null || !TYPES.contains(r.activityType())) {
				errors.add(new RowError(r.row(), "type", "exchange.error.type"));
			}
			if (r.startedAt() == null || r.endedAt() == null || r.endedAt().isBefore(r.startedAt())) {
				errors.add(new RowError(r.row(), "end", "exchange.error.times"));
			}
			else if (r.endedAt().isAfter(now)) {
				errors.add(new RowError(r.row(), "end", "exchange.error.future"));
			}
			if (r.hours() == null || r.hours().signum() < 0 || r.hours().stripTrailingZeros().scale() > 1) {
				errors.add(new RowError(r.row(), "hours", "exchange.error.hours"));
			}
			else if (r.startedAt() != null && r.endedAt() != null && r.hours().compareTo(served(r)) > 0) {
				errors.add(new RowError(r.row(), "hours", "exchange.error.hoursBeyondTime"));
			}
			if (r.source() != null && r.sourceRef() != null && !keys.add(r.source() + " " + r.sourceRef())) {
				errors.add(new RowError(r.row(), "sourceRecordId", "exchange.error.duplicateInFile"));
			}
			if (errors.size() == before) {
				plausible.add(r);
			}
		}
		if (plausible.isEmpty()) {
			return errors;
		}
		overlaps(volunteerId, plausible, errors);
		dailyCap(volunteerId, plausible, errors);
		errors.sort(java.util.Comparator.comparingInt(RowError::row));
		return errors;
	}

	/** Time served, in hours with one decimal, rounded up (a record may state the time it lasted, no more). */
	private static BigDecimal served(ExternalRecord r) {
		long seconds = Duration.between(r.startedAt(), r.endedAt()).getSeconds();
		return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 1, RoundingMode.UP);
	}

	private static void text(List<RowError> errors, int row, String field, String value, int max) {
		if (value == null || value.isBlank()) {
			errors.add(new RowError(row, field, "exchange.error.required"));
		}
		else if (value.length() > max || value.codePoints().anyMatch(Character::isISOControl)) {
			errors.add(new RowError(row, field, "exchange.error.text"));
		}
	}

	/** A record overlapping one the volunteer has (other than a correction), or another row of the file. */
	private void overlaps(long volunteerId, List<ExternalRecord> records, List<RowError> errors) {
		List<ExternalRecord> sorted = new ArrayList<>(records);
		sorted.sort(java.util.Comparator.comparing(ExternalRecord::startedAt));
		Set<Integer> refused = new HashSet<>();
		for (int i = 1; i < sorted.size(); i++) {
			ExternalRecord previous = sorted.get(i - 1);
			ExternalRecord r = sorted.get(i);
			if (r.startedAt().isBefore(previous.endedAt()) && refused.add(r.row())) {
				errors.add(new RowError(r.row(), "start", "exchange.error.overlapsFile"));
			}
		}
		OffsetDateTime first = sorted.get(0).startedAt();
		OffsetDateTime last = sorted.stream().map(ExternalRecord::endedAt).max(OffsetDateTime::compareTo).orElseThrow();
		List<OffsetDateTime[]> existing = jdbc.sql("""
				select started_at, ended_at from service_record
				where volunteer_id = :v and kind <> 'CORRECTION' and started_at < :last and ended_at > :first
				order by started_at""")
			.param("v", volunteerId).param("first", first).param("last", last)
			.query((rs, n) -> new OffsetDateTime[] { rs.getObject(1, OffsetDateTime.class),
					rs.getObject(2, OffsetDateTime.class) })
			.list();
		for (ExternalRecord r : sorted) {
			for (OffsetDateTime[] e : existing) {
				if (r.startedAt().isBefore(e[1]) && r.endedAt().isAfter(e[0]) && refused.add(r.row())) {
					errors.add(new RowError(r.row(), "start", "exchange.error.overlapsLedger"));
					break;
				}
			}
		}
	}

	/** Hours beyond the daily cap on a city day, counting what the volunteer already has that day. */
	private void dailyCap(long volunteerId, List<ExternalRecord> records, List<RowError> errors) {
		Map<LocalDate, BigDecimal> day = new HashMap<>();
		List<LocalDate> days = records.stream().map(r -> r.startedAt().atZoneSameInstant(CityTime.ZONE).toLocalDate())
			.distinct().toList();
		jdbc.sql("select day, hours from volunteer_day_hours where volunteer_id = :v and day in (:days)")
			.param("v", volunteerId).param("days", days)
			.query((rs, n) -> day.put(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2))).list();
		List<ExternalRecord> inOrder = new ArrayList<>(records);
		inOrder.sort(java.util.Comparator.comparingInt(ExternalRecord::row));
		for (ExternalRecord r : inOrder) {
			LocalDate d = r.startedAt().atZoneSameInstant(CityTime.ZONE).toLocalDate();
			BigDecimal after = day.getOrDefault(d, BigDecimal.ZERO).add(r.hours());
			if (after.compareTo(policy.dailyCap()) > 0) {
				errors.add(new RowError(r.row(), "hours", "exchange.error.dailyCap"));
			}
			else {
				day.put(d, after);
			}
		}
	}

	/** The daily cap in force (for the error's text). */
	public BigDecimal dailyCap() {
		return policy.dailyCap();
	}
}
