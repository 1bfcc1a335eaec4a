package org.wenming.exchange;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.commendation.Commendations;
import org.wenming.complaint.Complaints;
import org.wenming.complaint.OwnComplaint;
import org.wenming.exchange.ImportReport.Problem;
import org.wenming.exchange.ImportReport.VolunteerResult;
import org.wenming.exchange.internal.RecordFile;
import org.wenming.ledger.RecordKind;
import org.wenming.ledger.RecordTransfer;
import org.wenming.ledger.RecordTransfer.ExternalRecord;
import org.wenming.shared.CityTime;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;
import org.wenming.volunteer.team.NameMask;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports and imports of whole volunteer records ({@code wenming-record/1}). A volunteer exports their own; office
 * staff export one volunteer in their scope or all of them, with a reason, and import files of trusted sources.
 * Every export and import is recorded in {@code exchange_event}. Bulk exports stream: one volunteer's rows in
 * memory at a time, whatever the scope holds.
 */
@Service
@EnableConfigurationProperties(ExchangeProperties.class)
public class RecordExchange {

	/** Who exports others' records and imports files: the offices and the administrator, in their scope. */
	public static final Set<String> STAFF_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF);

	public static final int REASON_MIN = 5;

	public static final int REASON_MAX = 200;

	/** Errors and volunteers listed in a report (all are counted). */
	public static final int LISTED_MAX = 1000;

	private static final ZoneOffset CITY_OFFSET = ZoneOffset.ofHours(8);

	private final JdbcClient jdbc;

	private final Volunteers volunteers;

	private final Commendations commendations;

	private final org.wenming.training.Trainings trainings;

	private final Complaints complaints;

	private final RecordTransfer transfer;

	private final ExchangeProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	private final TransactionTemplate readOnly;

	private final TransactionTemplate writing;

	RecordExchange(JdbcClient jdbc, Volunteers volunteers, Commendations commendations,
			org.wenming.training.Trainings trainings, Complaints complaints, RecordTransfer transfer,
			ExchangeProperties properties, JsonMapper json, Clock clock, PlatformTransactionManager transactions) {
		this.trainings = trainings;
		this.complaints = complaints;
		this.jdbc = jdbc;
		this.volunteers = volunteers;
		this.commendations = commendations;
		this.transfer = transfer;
		this.properties = properties;
		this.json = json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
		this.clock = clock;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.writing = new TransactionTemplate(transactions);
	}

	public ExchangeProperties properties() {
		return properties;
	}

	/** This installation's identity and public key, for the systems that will import its files. */
	public record SourceIdentity(String format, String installationId, String city, String publicKeyPem) {
	}

	public SourceIdentity identity() {
		return new SourceIdentity(RecordFile.FORMAT, properties.installationId(), properties.cityName(),
				transfer.publicKeyPem());
	}

	public static boolean isStaff(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(STAFF_ROLES::contains);
	}

	public static void requireStaff(ScopedUser user) {
		if (!isStaff(user)) {
			throw new AccessDeniedException("record transfer needs one of " + STAFF_ROLES);
		}
	}

	// ---- export -------------------------------------------------------------------------------------

	/** What an export wrote. */
	public record Exported(int volunteers, long records, String sha256) {
	}

	/** The signed-in volunteer's own record; empty when they are no volunteer. */
	public Optional<Long> ownVolunteerId(ScopedUser me) {
		return volunteers.own(me).map(Volunteer::id);
	}

	/** The signed-in volunteer's figures (own and brought from other systems); empty when they are no volunteer. */
	public Optional<RecordTransfer.Figures> ownFigures(ScopedUser me) {
		return ownVolunteerId(me).map(transfer::figures);
	}

	/** Writes the signed-in volunteer's record (recorded, without a reason: it is their own). */
	public Exported exportOwn(ScopedUser me, String siteUrl, OutputStream out) {
		return exportOwn(me, siteUrl, out, FileType.JSONL);
	}

	/** Writes the signed-in volunteer's record as JSON lines or CSV. */
	public Exported exportOwn(ScopedUser me, String siteUrl, OutputStream out, FileType type) {
		Volunteer v = volunteers.own(me).orElseThrow(() -> new ExchangeRefusedException("volunteer",
				"exchange.error.notVolunteer"));
		long event = event("EXPORT", me, v.id(), v.regionPath(), null, null);
		return finish(event, readOnly.execute(s -> write(out, "ONE", siteUrl, List.of(v.id()).iterator()::forEachRemaining,
				type, true)));
	}

	/** The volunteer of this number, if in the staff member's scope (else not found, the house's 404). */
	public Volunteer volunteerForStaff(String volunteerNumber, ScopedUser staff) {
		requireStaff(staff);
		if (volunteerNumber == null || volunteerNumber.isBlank() || volunteerNumber.length() > 40) {
			throw new ExchangeRefusedException("volunteerNumber", "exchange.error.required");
		}
		Long id = jdbc.sql("select id from published_volunteer where volunteer_number = :n")
			.param("n", volunteerNumber.strip()).query(Long.class).optional()
			.orElseThrow(() -> new ExchangeRefusedException("volunteerNumber", "exchange.error.noSuchVolunteer"));
		try {
			return volunteers.findForStaff(id, staff).orElseThrow();
		}
		catch (OutOfScopeException outside) {
			throw new ExchangeRefusedException("volunteerNumber", "exchange.error.noSuchVolunteer");
		}
	}

	/** Checks the reason a staff export needs (5–200 characters of text). */
	public static String reason(String reason) {
		String text = reason == null ? "" : reason.strip();
		int length = text.codePointCount(0, text.length());
		if (length < REASON_MIN || length > REASON_MAX || text.codePoints().anyMatch(Character::isISOControl)) {
			throw new ExchangeRefusedException("reason", "exchange.error.reason");
		}
		return text;
	}

	/** Writes one volunteer's record for staff in scope, recorded with the reason. */
	public Exported exportOne(Volunteer volunteer, String reason, ScopedUser staff, String siteUrl, OutputStream out) {
		return exportOne(volunteer, reason, staff, siteUrl, out, FileType.JSONL);
	}

	/** Writes one volunteer's record for staff in scope as JSON lines or CSV, recorded with the reason. */
	public Exported exportOne(Volunteer volunteer, String reason, ScopedUser staff, String siteUrl, OutputStream out,
			FileType type) {
		requireStaff(staff);
		String why = reason(reason);
		long event = event("EXPORT", staff, volunteer.id(), volunteer.regionPath(), why, null);
		return finish(event, readOnly.execute(s -> write(out, "ONE", siteUrl,
				List.of(volunteer.id()).iterator()::forEachRemaining, type)));
	}

	/**
	 * Writes every volunteer of the staff member's scope (withdrawn ones too: their records stay theirs), recorded
	 * with the reason. Streams: the volunteers are read through a cursor, one volunteer's rows at a time.
	 */
	public Exported exportScope(String reason, ScopedUser staff, String siteUrl, OutputStream out) {
		return exportScope(reason, staff, siteUrl, out, FileType.JSONL);
	}

	/** The bulk export as JSON lines or CSV (streamed either way). */
	public Exported exportScope(String reason, ScopedUser staff, String siteUrl, OutputStream out, FileType type) {
		requireStaff(staff);
		String why = reason(reason);
		long event = event("EXPORT", staff, null, staff.scope().isEverything() ? "" : staff.scope().path(), why, null);
		return finish(event, readOnly.execute(s -> write(out, "BULK", siteUrl, each -> jdbc.sql("""
				select id from published_volunteer where region_path >= :lower and region_path < :upper order by id""")
			.param("lower", staff.scope().lower()).param("upper", staff.scope().upper())
			.withFetchSize(properties.fetchSize()).query((java.sql.ResultSet rs) -> {
				each.accept(rs.getLong(1));
			}), type)));
	}

	private Exported finish(long event, Exported exported) {
		jdbc.sql("update exchange_event set volunteers = :v, records = :r, sha256 = :sha where id = :id")
			.param("v", exported.volunteers()).param("r", exported.records()).param("sha", exported.sha256())
			.param("id", event).update();
		return exported;
	}

	private long event(String direction, ScopedUser actor, Long volunteerId, String path, String reason, String source) {
		return jdbc.sql("""
				insert into exchange_event (occurred_at, direction, actor_user_id, actor_username, volunteer_id, scope_path,
				    reason, source, volunteers, records)
				values (:at, :direction, :actorId, :actor, :volunteer, :path, :reason, :source, 0, 0) returning id""")
			.param("at", OffsetDateTime.now(clock)).param("direction", direction).param("actorId", actor.userId())
			.param("actor", actor.username()).param("volunteer", volunteerId).param("path", path == null ? "" : path)
			.param("reason", reason).param("source", source).query(Long.class).single();
	}

	/** The two forms of the format: JSON lines, or one flat CSV file with a section column. */
	public enum FileType {
		JSONL, CSV
	}

	private Exported write(OutputStream target, String scope, String siteUrl,
			java.util.function.Consumer<java.util.function.Consumer<Long>> ids) {
		return write(target, scope, siteUrl, ids, FileType.JSONL, false);
	}

	private Exported write(OutputStream target, String scope, String siteUrl,
			java.util.function.Consumer<java.util.function.Consumer<Long>> ids, FileType type) {
		return write(target, scope, siteUrl, ids, type, false);
	}

	/** {@code own}: the volunteer's own copy, which also carries their complaints as they see them. */
	private Exported write(OutputStream target, String scope, String siteUrl,
			java.util.function.Consumer<java.util.function.Consumer<Long>> ids, FileType type, boolean own) {
		MessageDigest sha = sha256();
		long[] records = { 0 };
		int[] count = { 0 };
		try {
			OutputStream buffered = new BufferedOutputStream(target, 1 << 16);
			DigestOutputStream out = new DigestOutputStream(buffered, sha);
			org.apache.commons.csv.CSVPrinter csv = type == FileType.CSV ? new org.apache.commons.csv.CSVPrinter(
					new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), org.wenming.exchange.internal.RecordCsv.FORMAT)
					: null;
			RecordFile.HeaderLine header = new RecordFile.HeaderLine(RecordFile.FORMAT,
					new RecordFile.Source(properties.installationId(), properties.cityName()),
					OffsetDateTime.now(clock).withOffsetSameInstant(CITY_OFFSET).withNano(0), scope);
			if (csv != null) {
				org.wenming.exchange.internal.RecordCsv.header(csv, header);
			}
			else {
				line(out, header);
			}
			ids.accept(id -> {
				RecordFile.Volunteer v = volunteer(id, siteUrl, own);
				records[0] += v.service().records().size();
				count[0]++;
				if (csv != null) {
					try {
						org.wenming.exchange.internal.RecordCsv.volunteer(csv, v);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}
				else {
					line(out, new RecordFile.VolunteerLine(v));
				}
			});
			if (csv != null) {
				csv.flush();
			}
			out.on(false);
			String digest = HexFormat.of().formatHex(sha.digest());
			RecordTransfer.FileSignature signature = transfer.sign(RecordFile.signedBytes(properties.installationId(), digest));
			RecordFile.Trailer trailer = new RecordFile.Trailer(count[0], records[0], digest,
					new RecordFile.Signature(signature.suite(), signature.keyId(), signature.value()));
			if (csv != null) {
				org.wenming.exchange.internal.RecordCsv.trailer(csv, trailer);
				csv.flush();
			}
			else {
				line(out, new RecordFile.TrailerLine(trailer));
			}
			out.flush();
			return new Exported(count[0], records[0], digest);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void line(OutputStream out, Object value) {
		try {
			out.write(json.writeValueAsBytes(value));
			out.write('\n');
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One volunteer's whole record as the file carries it. */
	private RecordFile.Volunteer volunteer(long id, String siteUrl, boolean own) {
		Volunteer v = volunteers.find(id).orElseThrow();
		List<RecordFile.Record> records = new ArrayList<>();
		transfer.forEachRecord(id, r -> records.add(new RecordFile.Record(
				r.kind() == RecordKind.EXTERNAL ? r.source() : properties.installationId(),
				r.kind() == RecordKind.EXTERNAL ? r.sourceRef() : Long.toString(r.seq()), r.kind().name(),
				r.startedAt().atZoneSameInstant(CityTime.ZONE).toLocalDate(), r.startedAt().withOffsetSameInstant(CITY_OFFSET),
				r.endedAt().withOffsetSameInstant(CITY_OFFSET), r.activityType(), r.title(), r.organizerName(), r.hours())));
		RecordTransfer.Figures figures = transfer.figures(id);
		List<RecordFile.Commendation> commended = commendations.ofVolunteer(id).stream()
			.map(c -> new RecordFile.Commendation(c.title(), c.issuer(), c.level() == null ? null : c.level().name(),
					c.awardedOn(), c.honour()))
			.toList();
		List<RecordFile.Certificate> certificates = transfer.certificates(id, siteUrl).stream()
			.map(c -> new RecordFile.Certificate(c.number(), c.periodFrom(), c.periodTo(), c.hours(), c.records(),
					c.issuedOn(), c.verificationUrl()))
			.toList();
		return new RecordFile.Volunteer(
				new RecordFile.Basic(v.volunteerNumber(), v.realName(), v.idType().name(), v.idNumberMasked(),
						v.gender().name(), v.birthDate(), v.createdAt().atZoneSameInstant(CityTime.ZONE).toLocalDate()),
				new RecordFile.Service(figures.totalHours(), figures.records(), figures.externalHours(), records),
				new RecordFile.Training(trainings.completedBy(id).stream().map(this::course).toList()), commended,
				certificates, own ? complaints.own(id).stream().map(RecordExchange::complaint).toList() : null);
	}

	private static RecordFile.Complaint complaint(OwnComplaint c) {
		return new RecordFile.Complaint(c.summary(), c.status().name(), c.receivedAt(), c.decidedAt(), c.decisionReason(),
				c.response(), c.respondedAt());
	}

	/**
	 * A completed course for the file. Its record id is derived from its content (the training module's API gives
	 * none): stable across exports, so importing the same course twice stores it once.
	 */
	private RecordFile.Course course(org.wenming.training.CompletedCourse c) {
		String content = String.join("\u001f", c.title(), c.provider(), c.hours().stripTrailingZeros().toPlainString(),
				c.completedOn().toString(), c.certificateNumber() == null ? "" : c.certificateNumber());
		String ref = "course-" + HexFormat.of().formatHex(sha256().digest(content.getBytes(StandardCharsets.UTF_8)), 0, 16);
		return new RecordFile.Course(c.title(), c.provider(), c.hours(), c.completedOn(), c.place(), c.certificate(),
				c.certificateNumber(), c.qualification() == null ? null : c.qualification().name(),
				c.source() == null ? properties.installationId() : c.source(), ref);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// ---- import -------------------------------------------------------------------------------------

	/**
	 * Reads a file of another system (kept in {@code file}) and, when {@code store} and nothing is wrong, enters
	 * its records. With {@code volunteerNumber} the file must hold exactly one volunteer and that volunteer must be
	 * the one here (same ID type, masked ID number, birth date and name); without, each volunteer of the file is
	 * matched in the staff member's scope by the same four and must match exactly one.
	 *
	 * <p>Three passes: the trailer (digest and signature over the whole file), then every volunteer checked against
	 * the ledger (nothing stored), then — only with no error at all — each volunteer entered in a transaction of
	 * its own, checked again under the chain's lock (a conflict that appeared in between refuses that volunteer
	 * and is reported; the file can be imported again: what is in is skipped).
	 */
	public ImportReport importFile(Path file, String volunteerNumber, boolean store, ScopedUser staff) {
		requireStaff(staff);
		Volunteer target = volunteerNumber == null || volunteerNumber.isBlank() ? null
				: volunteerForStaff(volunteerNumber, staff);
		Reading reading = new Reading();
		try {
			if (Files.size(file) > properties.maxFileBytes()) {
				reading.error(0, 0, "file", "exchange.error.tooLarge");
				return reading.report(false);
			}
			if (!trailer(file, reading)) {
				return reading.report(false);
			}
			int matched = volunteers(file, target, staff, reading, true, m -> {
			});
			if (reading.errors > 0 || !store) {
				return reading.report(false);
			}
			String path = target != null ? target.regionPath() : staff.scope().isEverything() ? "" : staff.scope().path();
			long event = event("IMPORT", staff, target == null ? null : target.id(), path, null, reading.source);
			// pass 3 reads the file again: memory holds one volunteer's records, not the file's
			volunteers(file, target, staff, new Reading(), false, m -> {
				try {
					// the volunteer's records and commendations in one transaction: all of them or none
					RecordTransfer.Entered entered = writing.execute(t -> {
						RecordTransfer.Entered e = transfer.enterExternal(m.volunteerId(), m.records(), staff.username());
						reading.commendations += commend(m, reading.city, staff);
						for (RecordFile.Course c : m.courses()) {
							if (trainings.recordExternal(m.volunteerId(), c.source(), c.sourceRecordId(),
									new org.wenming.training.CompletedCourse(c.title(), c.provider(), c.hours(),
											c.completedOn(), c.place(), c.certificate(), c.certificateNumber(),
											c.qualification() == null ? null
													: org.wenming.training.Qualification.valueOf(c.qualification()),
											c.source()))) {
								reading.courses++;
							}
						}
						return e;
					});
					reading.added += entered.added();
					reading.skipped += entered.skipped();
					reading.hours = reading.hours.add(entered.hoursAdded());
				}
				catch (RecordTransfer.ExternalRecordsRefused refused) {
					refused.errors().forEach(e -> reading.error(m.line(), e.row(), e.field(), e.messageKey()));
				}
				catch (org.wenming.training.TrainingRefusedException refused) {
					refused.problems().forEach(p -> reading.error(m.line(), 0, "training.courses." + p.field(), p.messageKey()));
				}
				catch (org.wenming.commendation.CommendationRefusedException refused) {
					refused.problems().forEach(p -> reading.error(m.line(), 0, "commendations." + p.field(), p.messageKey()));
				}
			});
			jdbc.sql("update exchange_event set volunteers = :v, records = :r, sha256 = :sha where id = :id")
				.param("v", matched).param("r", (long) reading.added).param("sha", reading.sha256)
				.param("id", event).update();
			return reading.report(reading.added > 0 || reading.errors == 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The file's commendations the volunteer does not have yet (same title, level and day), recorded by the staff
	 * member; an honour of the other city's roll is recorded with that city as its issuer.
	 */
	private int commend(Matched m, String sourceCity, ScopedUser staff) {
		List<org.wenming.commendation.Commendation> had = commendations.ofVolunteer(m.volunteerId());
		int added = 0;
		for (RecordFile.Commendation c : m.commendations()) {
			if (c == null) {
				continue;
			}
			boolean known = had.stream().anyMatch(h -> h.title().equals(c.title()) && h.level() != null
					&& h.level().name().equals(c.level()) && h.awardedOn().equals(c.awardedOn()));
			if (!known) {
				commendations.create(new Commendations.Draft(m.volunteerNumber(), null, c.title(),
						c.issuer() != null ? c.issuer() : sourceCity, c.level(),
						c.awardedOn() == null ? null : c.awardedOn().toString()), null, staff);
				added++;
			}
		}
		return added;
	}

	/** Copies an upload to a temporary file (the import reads it more than once), refusing one too large. */
	public Path keep(InputStream upload) {
		try {
			Path file = Files.createTempFile("wenming-exchange-", ".jsonl");
			try (OutputStream out = Files.newOutputStream(file)) {
				long copied = 0;
				byte[] buffer = new byte[1 << 16];
				int n;
				while ((n = upload.read(buffer)) != -1) {
					copied += n;
					if (copied > properties.maxFileBytes()) {
						break;
					}
					out.write(buffer, 0, n);
				}
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final class Reading {

		final List<Problem> problems = new ArrayList<>();

		final List<VolunteerResult> results = new ArrayList<>();

		int errors;

		int volunteersTotal;

		int added;

		int skipped;

		int commendations;

		int courses;

		BigDecimal hours = BigDecimal.ZERO.setScale(1);

		String source;

		String city;

		String sha256;

		void error(int line, int row, String field, String key) {
			errors++;
			if (problems.size() < LISTED_MAX) {
				problems.add(new Problem(line, row, field, key));
			}
		}

		ImportReport report(boolean stored) {
			return new ImportReport(source, city, List.copyOf(results), volunteersTotal, List.copyOf(problems), errors,
					stored, added, skipped, hours, commendations, courses);
		}
	}

	private record Matched(int line, long volunteerId, String volunteerNumber, List<ExternalRecord> records,
			List<RecordFile.Commendation> commendations, List<RecordFile.Course> courses) {
	}

	/** Pass 1: the header's format and source, the trailer's counts, digest and signature. */
	private boolean trailer(Path file, Reading reading) throws IOException {
		MessageDigest sha = sha256();
		JsonNode header = null;
		JsonNode trailer = null;
		int volunteerLines = 0;
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			RecordFile.Lines lines = new RecordFile.Lines(in);
			byte[] line;
			while ((line = lines.next()) != null) {
				if (trailer != null) {
					reading.error(lines.number(), 0, "trailer", "exchange.error.afterTrailer");
					return false;
				}
				JsonNode node = tree(line);
				if (node == null || !node.isObject()) {
					reading.error(lines.number(), 0, "line", "exchange.error.malformed");
					return false;
				}
				if (lines.number() == 1) {
					header = node;
					if (!RecordFile.FORMAT.equals(text(node, "format"))) {
						reading.error(1, 0, "format", "exchange.error.version");
						return false;
					}
				}
				else if (node.has("trailer")) {
					trailer = node.get("trailer");
					continue;
				}
				else if (node.has("volunteer")) {
					volunteerLines++;
				}
				else {
					reading.error(lines.number(), 0, "line", "exchange.error.malformed");
					return false;
				}
				sha.update(line);
				if (!lines.hadNewline()) {
					reading.error(lines.number(), 0, "trailer", "exchange.error.noTrailer");
					return false;
				}
				sha.update((byte) '\n');
			}
		}
		if (header == null) {
			reading.error(1, 0, "format", "exchange.error.malformed");
			return false;
		}
		JsonNode source = header.get("source");
		reading.source = source == null ? null : text(source, "installationId");
		reading.city = source == null ? null : text(source, "city");
		String key = reading.source == null ? null : reading.source.equals(properties.installationId())
				? transfer.publicKeyPem() : properties.trustedSources().get(reading.source);
		if (key == null) {
			reading.error(1, 0, "source", "exchange.error.unknownSource");
			return false;
		}
		if (trailer == null) {
			reading.error(0, 0, "trailer", "exchange.error.noTrailer");
			return false;
		}
		String digest = HexFormat.of().formatHex(sha.digest());
		reading.sha256 = digest;
		JsonNode signature = trailer.get("signature");
		if (!digest.equals(text(trailer, "sha256")) || trailer.get("volunteers") == null
				|| trailer.get("volunteers").asInt(-1) != volunteerLines) {
			reading.error(0, 0, "sha256", "exchange.error.notWhole");
			return false;
		}
		if (signature == null || !RecordTransfer.verifies(text(signature, "suite"), text(signature, "keyId"), key,
				RecordFile.signedBytes(reading.source, digest), text(signature, "value"))) {
			reading.error(0, 0, "signature", "exchange.error.signature");
			return false;
		}
		return true;
	}

	private JsonNode tree(byte[] line) {
		try {
			return json.readTree(line);
		}
		catch (JacksonException malformed) {
			return null;
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || !value.isString() ? null : value.asString();
	}

	/**
	 * Every volunteer of the file parsed and matched, handed to {@code each} one at a time; with {@code check} (pass
	 * 2) their records checked against the ledger, nothing stored.
	 */
	private int volunteers(Path file, Volunteer target, ScopedUser staff, Reading reading, boolean check,
			java.util.function.Consumer<Matched> each) throws IOException {
		int matched = 0;
		int row = 0;
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			RecordFile.Lines lines = new RecordFile.Lines(in);
			byte[] line;
			while ((line = lines.next()) != null) {
				if (lines.number() == 1) {
					continue;
				}
				JsonNode node = tree(line);
				if (node == null || !node.has("volunteer")) {
					continue;
				}
				RecordFile.Volunteer v;
				try {
					v = json.treeToValue(node, RecordFile.VolunteerLine.class).volunteer();
				}
				catch (JacksonException | IllegalArgumentException malformed) {
					reading.error(lines.number(), 0, "volunteer", "exchange.error.malformed");
					continue;
				}
				reading.volunteersTotal++;
				if (v == null || v.basic() == null || v.service() == null || v.service().records() == null) {
					reading.error(lines.number(), 0, "volunteer", "exchange.error.malformed");
					continue;
				}
				if (target != null && reading.volunteersTotal > 1) {
					reading.error(lines.number(), 0, "volunteerNumber", "exchange.error.oneVolunteer");
					continue;
				}
				List<ExternalRecord> records = new ArrayList<>(v.service().records().size());
				BigDecimal hours = BigDecimal.ZERO.setScale(1);
				for (RecordFile.Record r : v.service().records()) {
					row++;
					if (r == null) {
						reading.error(lines.number(), row, "record", "exchange.error.malformed");
						continue;
					}
					records.add(new ExternalRecord(row, r.sourceSystem(), r.sourceRecordId(), r.type(), r.title(),
							r.organizer(), r.start(), r.end(), r.hours()));
					if (r.hours() != null) {
						hours = hours.add(r.hours());
					}
				}
				Optional<Volunteer> here = target != null ? Optional.of(target).filter(t -> same(t, v.basic()))
						: match(v.basic(), staff);
				if (here.isEmpty()) {
					reading.error(lines.number(), 0, "basic.idNumberMasked",
							target != null ? "exchange.error.idMismatch" : "exchange.error.noMatch");
					continue;
				}
				int line0 = lines.number();
				if (check) {
					transfer.check(here.get().id(), records)
						.forEach(e -> reading.error(line0, e.row(), e.field(), e.messageKey()));
				}
				if (reading.results.size() < LISTED_MAX) {
					reading.results.add(new VolunteerResult(line0, NameMask.mask(v.basic().name()),
							here.get().volunteerNumber(), records.size(), hours, 0));
				}
				List<RecordFile.Course> courses = v.training() == null || v.training().courses() == null ? List.of()
						: v.training().courses();
				for (RecordFile.Course c : courses) {
					if (c == null || c.qualification() != null && !QUALIFICATIONS.contains(c.qualification())) {
						reading.error(line0, 0, "training.courses.qualification", "exchange.error.qualification");
					}
				}
				matched++;
				each.accept(new Matched(line0, here.get().id(), here.get().volunteerNumber(), records,
						v.commendations() == null ? List.of() : v.commendations(), courses));
			}
		}
		if (reading.volunteersTotal == 0) {
			reading.error(0, 0, "volunteer", "exchange.error.empty");
		}
		return matched;
	}

	private static final Set<String> QUALIFICATIONS = java.util.Arrays.stream(org.wenming.training.Qualification.values())
		.map(Enum::name).collect(java.util.stream.Collectors.toSet());

	/** The same person: ID type, masked ID number, birth date and name all equal. */
	private static boolean same(Volunteer v, RecordFile.Basic basic) {
		return v.idType().name().equals(basic.idType()) && v.idNumberMasked().equals(basic.idNumberMasked())
				&& v.birthDate().equals(basic.birthDate()) && v.realName().equals(basic.name());
	}

	/** The one volunteer in scope who is the same person, if exactly one is. */
	private Optional<Volunteer> match(RecordFile.Basic basic, ScopedUser staff) {
		if (basic.name() == null || basic.birthDate() == null) {
			return Optional.empty();
		}
		List<Volunteer> same = jdbc.sql("""
				select id from published_volunteer
				where real_name = :name and birth_date = :birth and region_path >= :lower and region_path < :upper""")
			.param("name", basic.name()).param("birth", basic.birthDate()).param("lower", staff.scope().lower())
			.param("upper", staff.scope().upper()).query(Long.class).list().stream()
			.map(id -> volunteers.find(id).orElseThrow()).filter(v -> same(v, basic)).toList();
		return same.size() == 1 ? Optional.of(same.get(0)) : Optional.empty();
	}
}
