package org.wenming.ledger.certificate;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.shared.CertificateLine;
import org.wenming.shared.CertificateLines;
import org.wenming.ledger.certificate.internal.CertificateNumbers;
import org.wenming.ledger.certificate.internal.CertificatePdf;
import org.wenming.shared.CityTime;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;
import org.wenming.volunteer.team.NameMask;

/**
 * Service certificates (志愿服务证明): a volunteer's hours in a period, computed from the ledger
 * ({@code service_record}), recorded when issued with the figures as printed, rendered as a PDF
 * with a QR code, and verifiable by anyone by number against the ledger as it is now. Free and
 * instant; only the volunteer themselves downloads their certificate.
 */
@Service
public class Certificates {

	/**
	 * Sums per activity type; a correction counts in the period (and type) of the record it corrects. Records
	 * brought from another system (EXTERNAL) are certified there, not here.
	 */
	private static final String FIGURES = """
			select coalesce(o.activity_type, r.activity_type) as activity_type, sum(r.hours) as hours,
			       count(*) filter (where r.kind <> 'CORRECTION') as records
			from service_record r left join service_record o on o.seq = r.corrects_seq
			where r.volunteer_id = :volunteer and r.seq <= :seq and r.kind <> 'EXTERNAL'
			  and coalesce(o.started_at, r.started_at) >= :from and coalesce(o.started_at, r.started_at) < :until
			group by 1 order by 1""";

	private static final String COLUMNS = """
			id, number, volunteer_id, volunteer_number, name_masked, period_from, period_to, total_hours, record_count,
			ledger_seq, issuer, issued_on, issued_at""";

	private final JdbcClient jdbc;

	private final Volunteers volunteers;

	private final CertificatePdf pdf;

	private final CertificateProperties properties;

	private final Clock clock;

	private final LedgerProofs proofs;

	/** The commendation and training modules' lines, for the volunteers who asked for them. */
	private final List<CertificateLines> lineSources;

	Certificates(JdbcClient jdbc, Volunteers volunteers, CertificatePdf pdf, CertificateProperties properties,
			Clock clock, LedgerProofs proofs, List<CertificateLines> lineSources) {
		this.proofs = proofs;
		this.lineSources = List.copyOf(lineSources);
		this.jdbc = jdbc;
		this.volunteers = volunteers;
		this.pdf = pdf;
		this.properties = properties;
		this.clock = clock;
	}

	public LocalDate today() {
		return LocalDate.now(clock.withZone(CityTime.ZONE));
	}

	/** The signed-in person's volunteer record, if they are one. */
	public Optional<Volunteer> volunteer(ScopedUser me) {
		return me == null ? Optional.empty() : volunteers.own(me);
	}

	/**
	 * Issues the signed-in volunteer's certificate for the period (text from a form: {@code yyyy-MM-dd},
	 * empty {@code from} for all time, empty {@code to} for today). The same figures for the same period
	 * on the same day keep the number issued first, also when two downloads race.
	 *
	 * @throws CertificateRefusedException when the period is not valid
	 * @throws NotAVolunteerException when the person has no volunteer record
	 */
	@Transactional
	public IssuedCertificate issueOwn(ScopedUser me, String from, String to) {
		Volunteer volunteer = volunteer(me).orElseThrow(NotAVolunteerException::new);
		CertificatePeriod period = CertificatePeriod.parse(from, to, today());
		return issue(volunteer, period, me.username());
	}

	private IssuedCertificate issue(Volunteer volunteer, CertificatePeriod period, String by) {
		long seq = jdbc.sql("select coalesce(max(seq), 0) from service_record").query(Long.class).single();
		ServiceFigures figures = figures(volunteer.id(), period, seq);
		LocalDate today = today();
		List<CertificateLine> lines = lines(volunteer.id(), period.to());
		String linesKey = lines.stream().map(CertificateLine::key).collect(Collectors.joining("\n"));
		String number = CertificateNumbers.next(properties.numberPrefix(), today.getYear());
		// 60 random bits: a clash of numbers is not worth a retry path; the unique index would refuse it
		Optional<Long> inserted = jdbc.sql("""
				insert into service_certificate (number, volunteer_id, volunteer_number, name_masked, period_from,
				    period_to, total_hours, record_count, ledger_seq, figures_key, lines_key, issuer, issued_on,
				    issued_at, issued_by)
				values (:number, :volunteer, :volunteerNumber, :name, :from, :to, :total, :records, :seq, :key, :linesKey,
				    :issuer, :today, :now, :by)
				on conflict (volunteer_id, coalesce(period_from, date '0001-01-01'), period_to, issued_on, figures_key,
				    lines_key)
				do nothing
				returning id""")
				.param("number", number).param("volunteer", volunteer.id())
				.param("volunteerNumber", volunteer.volunteerNumber()).param("name", NameMask.mask(volunteer.realName()))
				.param("from", period.from(), Types.DATE).param("to", period.to())
				.param("total", figures.totalHours()).param("records", figures.records()).param("seq", seq)
				.param("key", figures.key()).param("linesKey", linesKey).param("issuer", properties.issuer())
				.param("today", today).param("now", OffsetDateTime.now(clock)).param("by", by).query(Long.class)
				.optional();
		if (inserted.isPresent()) {
			for (TypeHours type : figures.byType()) {
				jdbc.sql("""
						insert into service_certificate_hours (certificate_id, activity_type, hours, records)
						values (:id, :type, :hours, :records)""")
						.param("id", inserted.get()).param("type", type.activityType()).param("hours", type.hours())
						.param("records", type.records()).update();
			}
			for (int i = 0; i < lines.size(); i++) {
				CertificateLine line = lines.get(i);
				jdbc.sql("""
						insert into service_certificate_line (certificate_id, position, kind, title, by_whom, detail_key,
						    detail_argument, dated)
						values (:id, :position, :kind, :title, :by, :detailKey, :detailArgument, :on)""")
						.param("id", inserted.get()).param("position", i).param("kind", line.kind().name())
						.param("title", line.title()).param("by", line.by()).param("detailKey", line.detailKey())
						.param("detailArgument", line.detailArgument()).param("on", line.on()).update();
			}
			proofs.nameHeads(inserted.get(), volunteer.id(), period, seq);
			return find(inserted.get()).orElseThrow();
		}
		long existing = jdbc.sql("""
				select id from service_certificate
				where volunteer_id = :volunteer and coalesce(period_from, date '0001-01-01') = coalesce(:from, date '0001-01-01')
				  and period_to = :to and issued_on = :today and figures_key = :key and lines_key = :linesKey""")
				.param("volunteer", volunteer.id()).param("from", period.from(), Types.DATE).param("to", period.to())
				.param("today", today).param("key", figures.key()).param("linesKey", linesKey).query(Long.class)
				.single();
		return find(existing).orElseThrow();
	}

	/** What the volunteer asked to have printed: up to {@link CertificateLines#PRINTED} of each kind, newest first. */
	private List<CertificateLine> lines(long volunteerId, LocalDate upTo) {
		List<CertificateLine> lines = new ArrayList<>();
		for (CertificateLine.Kind kind : CertificateLine.Kind.values()) {
			lineSources.stream().flatMap(source -> source.forCertificate(volunteerId, upTo).stream())
				.filter(line -> line.kind() == kind && !line.on().isAfter(upTo))
				.sorted(Comparator.comparing(CertificateLine::on).reversed().thenComparing(CertificateLine::title))
				.limit(CertificateLines.PRINTED).forEach(lines::add);
		}
		return lines;
	}

	/** The lines a certificate was issued with, as printed. */
	public List<CertificateLine> printedLines(long certificateId) {
		return jdbc.sql("""
				select kind, title, by_whom, detail_key, detail_argument, dated from service_certificate_line
				where certificate_id = :id order by position""")
				.param("id", certificateId)
				.query((rs, i) -> new CertificateLine(CertificateLine.Kind.valueOf(rs.getString("kind")),
						rs.getString("title"), rs.getString("by_whom"), rs.getString("detail_key"),
						rs.getString("detail_argument"), rs.getObject("dated", LocalDate.class)))
				.list();
	}

	/** The volunteer's figures for the period from the ledger up to position {@code seq}. */
	ServiceFigures figures(long volunteerId, CertificatePeriod period, long seq) {
		LocalDate first = period.from() == null ? LocalDate.of(1900, 1, 1) : period.from();
		List<TypeHours> types = jdbc.sql(FIGURES).param("volunteer", volunteerId).param("seq", seq)
				.param("from", first.atStartOfDay(CityTime.ZONE).toOffsetDateTime())
				.param("until", period.to().plusDays(1).atStartOfDay(CityTime.ZONE).toOffsetDateTime())
				.query((rs, i) -> new TypeHours(rs.getString("activity_type"), rs.getBigDecimal("hours"),
						rs.getInt("records")))
				.list();
		List<TypeHours> kept = new ArrayList<>();
		BigDecimal total = BigDecimal.ZERO;
		int records = 0;
		for (TypeHours type : types) {
			if (type.records() == 0 && type.hours().signum() == 0) {
				continue;
			}
			kept.add(type);
			total = total.add(type.hours());
			records += type.records();
		}
		return new ServiceFigures(total, records, kept, seq);
	}

	/** May issue a certificate for a volunteer in their scope (代开证明), for someone without a phone. */
	public static final java.util.Set<String> ISSUING_ROLES = Volunteers.REGISTERING_ROLES;

	/**
	 * A volunteer in the staff member's scope, for the staff certificate form.
	 *
	 * @throws org.wenming.shared.OutOfScopeException when the volunteer is outside the scope (answered 404)
	 * @throws NotAVolunteerException when there is no such volunteer
	 */
	public Volunteer volunteerForStaff(ScopedUser staff, long volunteerId) {
		requireIssuing(staff);
		return volunteers.findForStaff(volunteerId, staff).orElseThrow(NotAVolunteerException::new);
	}

	/**
	 * Issues a volunteer's certificate on their behalf, by staff whose scope covers the volunteer; the
	 * same rules as {@link #issueOwn}, recorded with the staff member as issuer.
	 */
	@Transactional
	public IssuedCertificate issueForStaff(ScopedUser staff, long volunteerId, String from, String to) {
		Volunteer volunteer = volunteerForStaff(staff, volunteerId);
		CertificatePeriod period = CertificatePeriod.parse(from, to, today());
		return issue(volunteer, period, staff.username());
	}

	/** The PDF of a certificate just issued by staff (the volunteer checked against the scope again). */
	public byte[] pdfForStaff(ScopedUser staff, IssuedCertificate certificate, Locale locale, String siteUrl) {
		return render(certificate, volunteerForStaff(staff, certificate.volunteerId()), locale, siteUrl);
	}

	private static void requireIssuing(ScopedUser staff) {
		if (staff == null || staff.roles().stream().noneMatch(ISSUING_ROLES::contains)) {
			throw new org.springframework.security.access.AccessDeniedException("needs one of " + ISSUING_ROLES);
		}
	}

	/** The signed-in volunteer's certificates, newest first. */
	public List<IssuedCertificate> own(ScopedUser me) {
		Optional<Volunteer> volunteer = volunteer(me);
		if (volunteer.isEmpty()) {
			return List.of();
		}
		List<Long> ids = jdbc.sql("""
				select id from service_certificate where volunteer_id = :volunteer order by issued_at desc, id desc limit 100""")
				.param("volunteer", volunteer.get().id()).query(Long.class).list();
		return ids.stream().map(id -> find(id).orElseThrow()).toList();
	}

	/**
	 * The PDF of one of the signed-in volunteer's own certificates, with the figures as issued; empty
	 * for anyone else's number or an unknown one.
	 *
	 * @param siteUrl the site's address as the volunteer reached it, used unless {@code wenming.certificates.public-url} is set
	 */
	public Optional<byte[]> ownPdf(ScopedUser me, String number, Locale locale, String siteUrl) {
		Optional<Volunteer> volunteer = volunteer(me);
		Optional<String> normalised = CertificateNumbers.normalise(number);
		if (volunteer.isEmpty() || normalised.isEmpty()) {
			return Optional.empty();
		}
		Optional<IssuedCertificate> certificate = findByNumber(normalised.get())
				.filter(c -> c.volunteerId() == volunteer.get().id());
		return certificate.map(c -> render(c, volunteer.get(), locale, siteUrl));
	}

	private byte[] render(IssuedCertificate c, Volunteer v, Locale locale, String siteUrl) {
		return pdf.render(new CertificatePdf.Content(c.number(), v.realName(), v.idType().messageKey(),
				v.idNumberMasked(), c.volunteerNumber(), c.periodFrom(), c.periodTo(), c.figures(), c.issuer(),
				c.issuedOn(), verificationUrl(c.number(), siteUrl), printedLines(c.id()),
				proofs.namedHeads(c.id()).stream()
					.map(h -> new CertificatePdf.Head(h.cityCode(), h.size(), h.time(),
							java.util.HexFormat.of().formatHex(h.root()).substring(0, 16)))
					.toList()), locale);
	}

	/** Where the QR code points: the public verification page of this number. */
	public String verificationUrl(String number, String siteUrl) {
		String base = properties.publicUrl() != null ? properties.publicUrl() : siteUrl.replaceAll("/+$", "");
		return base + "/certificates/" + number;
	}

	/**
	 * Checks a certificate number (as typed or scanned): empty when no such certificate was issued,
	 * else the certificate and the figures the ledger gives now for the same volunteer and period.
	 */
	@Transactional(readOnly = true)
	public Optional<Verification> verify(String number) {
		Optional<IssuedCertificate> certificate = CertificateNumbers.normalise(number).flatMap(this::findByNumber);
		if (certificate.isEmpty()) {
			return Optional.empty();
		}
		IssuedCertificate c = certificate.get();
		long seq = jdbc.sql("select coalesce(max(seq), 0) from service_record").query(Long.class).single();
		return Optional.of(new Verification(c,
				figures(c.volunteerId(), new CertificatePeriod(c.periodFrom(), c.periodTo()), seq)));
	}

	/** Whether the text could be a certificate number at all (letters, digits, dashes; not too long). */
	public static boolean plausibleNumber(String text) {
		return CertificateNumbers.plausible(text);
	}

	/** The number as typed, normalised (capitals, O and I/L read as 0 and 1), if it has the shape of one. */
	public static Optional<String> normalisedNumber(String text) {
		return CertificateNumbers.normalise(text);
	}

	private Optional<IssuedCertificate> findByNumber(String number) {
		return jdbc.sql("select id from service_certificate where number = :number").param("number", number)
				.query(Long.class).optional().flatMap(this::find);
	}

	private Optional<IssuedCertificate> find(long id) {
		List<TypeHours> types = jdbc.sql("""
				select activity_type, hours, records from service_certificate_hours where certificate_id = :id
				order by activity_type""")
				.param("id", id)
				.query((rs, i) -> new TypeHours(rs.getString("activity_type"), rs.getBigDecimal("hours"), rs.getInt("records")))
				.list();
		return jdbc.sql("select " + COLUMNS + " from service_certificate where id = :id").param("id", id)
				.query((rs, i) -> new IssuedCertificate(rs.getLong("id"), rs.getString("number"),
						rs.getLong("volunteer_id"), rs.getString("volunteer_number"), rs.getString("name_masked"),
						rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class),
						new ServiceFigures(rs.getBigDecimal("total_hours"), rs.getInt("record_count"), types,
								rs.getLong("ledger_seq")),
						rs.getString("issuer"), rs.getObject("issued_on", LocalDate.class),
						rs.getObject("issued_at", OffsetDateTime.class)))
				.optional();
	}
}
