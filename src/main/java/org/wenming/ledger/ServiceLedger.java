package org.wenming.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.activity.ActivityType;
import org.wenming.ledger.internal.ChainVerifier;
import org.wenming.ledger.internal.HoursPolicy;
import org.wenming.ledger.internal.LedgerProperties;
import org.wenming.ledger.internal.LedgerText;
import org.wenming.ledger.internal.LedgerWriter;
import org.wenming.ledger.internal.NewRecord;
import org.wenming.ledger.internal.TotalsCheck;
import org.wenming.region.PracticeSite;
import org.wenming.region.PracticeSites;
import org.wenming.shared.CityTime;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.Teams;

/**
 * The service-hours ledger (志愿服务记录): staff record and browse hours inside their scope and
 * decide correction requests; volunteers see their own hours and ask for corrections; the chain
 * and the totals can be checked. Records are only ever appended (see {@link LedgerWriter}).
 */
@Service
public class ServiceLedger {

	/** Who records hours and decides corrections, inside their region. */
	public static final Set<String> STAFF_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF);

	public static final int REASON_MIN = 5;

	public static final int REASON_MAX = 200;

	public static final int TITLE_MAX = 100;

	/** How many of their latest records a volunteer's page lists. */
	public static final int OWN_RECORDS_SHOWN = 200;

	private static final BigDecimal MAX_HOURS = BigDecimal.valueOf(24);

	private final JdbcClient jdbc;

	private final LedgerWriter writer;

	private final HoursPolicy policy;

	private final LedgerProperties properties;

	private final Clock clock;

	private final Teams teams;

	private final PracticeSites sites;

	private final ChainVerifier verifier;

	private final TotalsCheck totalsCheck;

	ServiceLedger(JdbcClient jdbc, LedgerWriter writer, LedgerProperties properties, Clock clock, Teams teams,
			PracticeSites sites, ChainVerifier verifier, TotalsCheck totalsCheck) {
		this.jdbc = jdbc;
		this.writer = writer;
		this.policy = writer.policy();
		this.properties = properties;
		this.clock = clock;
		this.teams = teams;
		this.sites = sites;
		this.verifier = verifier;
		this.totalsCheck = totalsCheck;
	}

	public static boolean isStaff(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(STAFF_ROLES::contains);
	}

	/** Verification reads the whole chain: the system administrator and the city office only. */
	public static boolean mayVerify(ScopedUser user) {
		if (user == null) {
			return false;
		}
		return user.hasRole(Roles.SYSTEM_ADMIN) || (user.hasRole(Roles.OFFICE_STAFF)
				&& (user.scope().isEverything() || user.scope().path().split("\\.").length <= 2));
	}

	public static void requireStaff(ScopedUser user) {
		if (!isStaff(user)) {
			throw new AccessDeniedException("the ledger's staff pages need one of " + STAFF_ROLES);
		}
	}

	public List<ActivityType> activityTypes() {
		return List.of(ActivityType.values());
	}

	// ---- staff: browsing and manual records ---------------------------------------------------------

	/** Records whose organization lies in the staff member's scope, newest first. */
	@Transactional(readOnly = true)
	public RecordPage records(RecordQuery query, ScopedUser staff) {
		requireStaff(staff);
		String where = """
				from service_record r join published_volunteer v on v.id = r.volunteer_id
				where r.region_path >= :lower and r.region_path < :upper
				  and (cast(:number as text) is null or v.volunteer_number = :number)
				  and (cast(:team as bigint) is null or (r.organization_kind = 'TEAM' and r.organization_id = :team))
				  and (cast(:fromTime as timestamptz) is null or r.started_at >= :fromTime)
				  and (cast(:toTime as timestamptz) is null or r.started_at < :toTime)""";
		var from = query.from() == null ? null : query.from().atStartOfDay(CityTime.ZONE).toOffsetDateTime();
		var to = query.to() == null ? null : query.to().plusDays(1).atStartOfDay(CityTime.ZONE).toOffsetDateTime();
		long total = jdbc.sql("select count(*) " + where).param("lower", staff.scope().lower())
			.param("upper", staff.scope().upper()).param("number", query.volunteerNumber())
			.param("team", query.teamId()).param("fromTime", from).param("toTime", to).query(Long.class).single();
		List<RecordRow> rows = jdbc.sql("select " + ROW_COLUMNS + " " + where
				+ " order by r.started_at desc, r.seq desc limit :size offset :offset")
			.param("lower", staff.scope().lower()).param("upper", staff.scope().upper())
			.param("number", query.volunteerNumber()).param("team", query.teamId()).param("fromTime", from)
			.param("toTime", to).param("size", query.size()).param("offset", (long) query.page() * query.size())
			.query(ServiceLedger::row).list();
		return new RecordPage(rows, total, query.page(), query.size());
	}

	/**
	 * 活动外补记: appends a MANUAL record under the same rules as credited attendance (rounding,
	 * daily cap), recorded by the staff member and confirmed by whoever certified the sheet.
	 *
	 * @throws LedgerRefusedException also when the organization is outside the staff member's scope
	 */
	@Transactional
	public ServiceRecord recordManual(ManualRecordDraft draft, ScopedUser staff) {
		requireStaff(staff);
		long volunteerId = volunteerIdByNumber(draft.volunteerNumber());
		Organization organization = organization(draft.organizationKind(), draft.organizationId(), staff);
		String type = activityType(draft.activityType());
		String title = LedgerText.text("activityTitle", draft.activityTitle(), 2, TITLE_MAX);
		String confirmedBy = LedgerText.text("confirmedBy", draft.confirmedBy(), 2, 64);
		Span span = span(draft.day(), draft.start(), draft.end());
		List<ServiceRecord> appended = writer.append(List.of(new NewRecord(RecordKind.MANUAL, volunteerId, null, null,
				type, title, span.start(), span.end(), policy.round(span.start(), span.end()), organization.kind(),
				organization.id(), organization.name(), organization.regionPath(), staff.username(), confirmedBy, null,
				null, null)));
		return appended.get(0);
	}

	// ---- volunteers: their own hours and requests ---------------------------------------------------

	/** The signed-in volunteer's hours, or empty when they have no volunteer record. */
	@Transactional(readOnly = true)
	public Optional<MyHours> myHours(ScopedUser me) {
		Optional<OwnVolunteer> own = ownVolunteer(me);
		if (own.isEmpty()) {
			return Optional.empty();
		}
		long id = own.get().id();
		int year = LocalDate.now(clock.withZone(CityTime.ZONE)).getYear();
		var totals = jdbc.sql("select hours, records from volunteer_hours where volunteer_id = :v").param("v", id)
			.query((rs, n) -> new Object[] { rs.getBigDecimal(1), rs.getInt(2) }).optional()
			.orElse(new Object[] { BigDecimal.ZERO.setScale(1), 0 });
		BigDecimal hours = (BigDecimal) totals[0];
		BigDecimal yearHours = jdbc.sql("select hours from volunteer_year_hours where volunteer_id = :v and year = :y")
			.param("v", id).param("y", year).query(BigDecimal.class).optional().orElse(BigDecimal.ZERO.setScale(1));
		List<RecordRow> records = jdbc.sql("select " + ROW_COLUMNS + """
				 from service_record r join published_volunteer v on v.id = r.volunteer_id
				where r.volunteer_id = :v order by r.started_at desc, r.seq desc limit :limit""")
			.param("v", id).param("limit", OWN_RECORDS_SHOWN).query(ServiceLedger::row).list();
		return Optional.of(new MyHours(own.get().number(), new HoursTotals(hours, (Integer) totals[1], yearHours, year,
				policy.stars(hours), policy.toNextStar(hours)), records, corrections("r.volunteer_id = :v", id, 100)));
	}

	/**
	 * A volunteer's maintained totals, for staff who read a record that names the volunteer (an honour
	 * nomination's vetting); empty when the volunteer has no hours yet. No records, no personal data.
	 */
	@Transactional(readOnly = true)
	public Optional<HoursTotals> totals(long volunteerId) {
		int year = LocalDate.now(clock.withZone(CityTime.ZONE)).getYear();
		return jdbc.sql("select hours, records from volunteer_hours where volunteer_id = :v").param("v", volunteerId)
			.query((rs, n) -> {
				BigDecimal hours = rs.getBigDecimal(1);
				BigDecimal yearHours = jdbc.sql("select hours from volunteer_year_hours where volunteer_id = :v and year = :y")
					.param("v", volunteerId).param("y", year).query(BigDecimal.class).optional()
					.orElse(BigDecimal.ZERO.setScale(1));
				return new HoursTotals(hours, rs.getInt(2), yearHours, year, policy.stars(hours), policy.toNextStar(hours));
			})
			.optional();
	}

	/** One of the volunteer's own records, for the correction form; empty when not theirs. */
	@Transactional(readOnly = true)
	public Optional<RecordRow> ownRecord(long seq, ScopedUser me) {
		return ownVolunteer(me).flatMap(v -> jdbc.sql("select " + ROW_COLUMNS + """
				 from service_record r join published_volunteer v on v.id = r.volunteer_id
				where r.seq = :seq and r.volunteer_id = :v and r.kind not in ('CORRECTION', 'EXTERNAL')""")
			.param("seq", seq).param("v", v.id()).query(ServiceLedger::row).optional());
	}

	/** 更正 or 补录 request by the volunteer; staff of the record's (or team's) region decide it. */
	@Transactional
	public long requestCorrection(CorrectionDraft draft, ScopedUser me) {
		OwnVolunteer volunteer = ownVolunteer(me).orElseThrow(() -> new LedgerRefusedException("volunteer",
				"ledger.error.notVolunteer"));
		String reason = LedgerText.text("reason", draft.reason(), REASON_MIN, REASON_MAX);
		BigDecimal hours = hours(draft.hours());
		if (!draft.missingRecord()) {
			RecordRow record = ownRecord(draft.recordSeq(), me)
				.orElseThrow(() -> new LedgerRefusedException("record", "ledger.error.noSuchRecord"));
			requireWithinWindow(record.startedAt(), "record");
			String regionPath = jdbc.sql("select region_path from service_record where seq = :s")
				.param("s", record.seq()).query(String.class).single();
			return jdbc.sql("""
					insert into correction_request (volunteer_id, record_seq, hours, reason, region_path, requested_at)
					values (:v, :seq, :hours, :reason, :path, :now) returning id""")
				.param("v", volunteer.id()).param("seq", record.seq()).param("hours", hours).param("reason", reason)
				.param("path", regionPath).param("now", OffsetDateTime.now(clock)).query(Long.class).single();
		}
		if (draft.teamId() == null) {
			throw new LedgerRefusedException("teamId", "ledger.error.required");
		}
		Team team = teams.find(draft.teamId())
			.orElseThrow(() -> new LedgerRefusedException("teamId", "ledger.error.noSuchTeam"));
		String title = LedgerText.text("activityTitle", draft.activityTitle(), 2, TITLE_MAX);
		Span span = span(draft.day(), draft.start(), draft.end());
		requireWithinWindow(span.start(), "day");
		return jdbc.sql("""
				insert into correction_request (volunteer_id, activity_title, started_at, ended_at, hours, reason,
				    region_path, requested_at, organization_kind, organization_id, organization_name, activity_type)
				values (:v, :title, :start, :end, :hours, :reason, :path, :now, 'TEAM', :team, :teamName, 'SERVICE')
				returning id""")
			.param("v", volunteer.id()).param("title", title).param("start", span.start()).param("end", span.end())
			.param("hours", hours).param("reason", reason).param("path", team.regionPath())
			.param("now", OffsetDateTime.now(clock)).param("team", team.id()).param("teamName", team.name())
			.query(Long.class).single();
	}

	// ---- staff: deciding corrections ----------------------------------------------------------------

	/** Open requests in the staff member's scope, oldest first. */
	@Transactional(readOnly = true)
	public List<CorrectionRequest> openCorrections(ScopedUser staff, int limit) {
		requireStaff(staff);
		return jdbc.sql(CORRECTION_SELECT + """
				 where r.status = 'OPEN' and r.region_path >= :lower and r.region_path < :upper
				order by r.requested_at limit :limit""")
			.param("lower", staff.scope().lower()).param("upper", staff.scope().upper()).param("limit", limit)
			.query(ServiceLedger::correction).list();
	}

	/**
	 * Approves an open request inside the correction window: appends a CORRECTION record (the hours
	 * delta against what the record counts now) or, for 补录, a MANUAL record.
	 *
	 * @return the appended record
	 */
	@Transactional
	public ServiceRecord approve(long requestId, ScopedUser staff) {
		CorrectionRequest request = openRequestForDeciding(requestId, staff);
		ServiceRecord appended;
		if (request.recordSeq() != null) {
			ServiceRecord original = jdbc.sql("select * from service_record where seq = :s")
				.param("s", request.recordSeq()).query(ServiceLedger::stored).single();
			requireWithinWindow(original.startedAt(), "window");
			BigDecimal counted = jdbc.sql("""
					select coalesce(sum(hours), 0) from service_record where seq = :s or corrects_seq = :s""")
				.param("s", original.seq()).query(BigDecimal.class).single();
			BigDecimal delta = request.hours().subtract(counted).setScale(1);
			if (delta.signum() == 0) {
				throw new LedgerRefusedException("hours", "ledger.error.noChange");
			}
			appended = writer.append(List.of(new NewRecord(RecordKind.CORRECTION, original.volunteerId(),
					original.activityId(), original.shiftId(), original.activityType(), original.activityTitle(),
					original.startedAt(), original.endedAt(), delta, original.organizationKind(),
					original.organizationId(), original.organizationName(), original.regionPath(), staff.username(),
					staff.username(), original.seq(), request.reason(), staff.username())))
				.get(0);
		}
		else {
			requireWithinWindow(request.startedAt(), "window");
			var org = jdbc.sql("""
					select organization_kind, organization_id, organization_name, activity_type, region_path
					from correction_request where id = :id""").param("id", requestId)
				.query((rs, n) -> new Organization(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(5),
						rs.getString(4)))
				.single();
			BigDecimal hours = policy.round(request.startedAt(), request.endedAt()).min(request.hours());
			appended = writer.append(List.of(new NewRecord(RecordKind.MANUAL, request.volunteerId(), null, null,
					org.activityType(), request.activityTitle(), request.startedAt(), request.endedAt(), hours,
					org.kind(), org.id(), org.name(), org.regionPath(), staff.username(), staff.username(), null,
					request.reason(), staff.username())))
				.get(0);
		}
		jdbc.sql("""
				update correction_request set status = 'APPROVED', decided_at = :now, decided_by = :by, result_seq = :seq
				where id = :id""")
			.param("now", OffsetDateTime.now(clock)).param("by", staff.username()).param("seq", appended.seq())
			.param("id", requestId).update();
		return appended;
	}

	/** Declines an open request with a reason the volunteer will read. */
	@Transactional
	public void decline(long requestId, String reason, ScopedUser staff) {
		String why = LedgerText.text("reason", reason, REASON_MIN, REASON_MAX);
		openRequestForDeciding(requestId, staff);
		jdbc.sql("""
				update correction_request set status = 'DECLINED', decided_at = :now, decided_by = :by,
				    decision_reason = :reason where id = :id""")
			.param("now", OffsetDateTime.now(clock)).param("by", staff.username()).param("reason", why)
			.param("id", requestId).update();
	}

	// ---- checks -------------------------------------------------------------------------------------

	/** Walks the whole chain (streaming); {@code progress} hears the count every 100,000 records. */
	public ChainVerdict verify(LongConsumer progress) {
		return verifier.verify(progress);
	}

	/** The last seq: how long a verification will be. */
	public long length() {
		return jdbc.sql("select last_seq from ledger_head").query(Long.class).single();
	}

	/** Every maintained total that differs from a recount of the records. */
	public List<TotalsDifference> checkTotals() {
		return totalsCheck.all();
	}

	public HoursPolicy policy() {
		return policy;
	}

	// ---- helpers --------------------------------------------------------------------------------------

	private CorrectionRequest openRequestForDeciding(long requestId, ScopedUser staff) {
		requireStaff(staff);
		String path = jdbc.sql("select region_path from correction_request where id = :id for update")
			.param("id", requestId).query(String.class).optional()
			.orElseThrow(() -> new OutOfScopeException("correction", String.valueOf(requestId)));
		if (!staff.scope().covers(path)) {
			throw new OutOfScopeException("correction", String.valueOf(requestId));
		}
		CorrectionRequest request = jdbc.sql(CORRECTION_SELECT + " where r.id = :id").param("id", requestId)
			.query(ServiceLedger::correction).single();
		if (request.status() != CorrectionRequest.Status.OPEN) {
			throw new LedgerRefusedException("status", "ledger.error.decided");
		}
		return request;
	}

	private void requireWithinWindow(OffsetDateTime serviceStart, String field) {
		if (OffsetDateTime.now(clock).isAfter(serviceStart.plus(properties.correctionWindow()))) {
			throw new LedgerRefusedException(field, "ledger.error.window");
		}
	}

	private long volunteerIdByNumber(String number) {
		String text = number == null ? "" : number.strip();
		if (!text.matches("[A-Za-z0-9]{1,20}")) {
			throw new LedgerRefusedException("volunteerNumber", text.isEmpty() ? "ledger.error.required"
					: "ledger.error.volunteerNumber");
		}
		return jdbc.sql("select id from published_volunteer where volunteer_number = :n and status = 'ACTIVE'")
			.param("n", text).query(Long.class).optional()
			.orElseThrow(() -> new LedgerRefusedException("volunteerNumber", "ledger.error.noSuchVolunteer"));
	}

	private Organization organization(ManualRecordDraft.OrganizationKind kind, long id, ScopedUser staff) {
		if (kind == null) {
			throw new LedgerRefusedException("organizationKind", "ledger.error.required");
		}
		if (kind == ManualRecordDraft.OrganizationKind.TEAM) {
			Team team = teams.find(id).orElseThrow(() -> new LedgerRefusedException("organizationId",
					"ledger.error.noSuchOrganization"));
			if (!staff.scope().covers(team.regionPath())) {
				// the same answer as for no team at all: a form does not reveal what lies outside the scope
				throw new LedgerRefusedException("organizationId", "ledger.error.noSuchOrganization");
			}
			return new Organization("TEAM", team.id(), team.name(), team.regionPath(), null);
		}
		PracticeSite site = sites.find(id).orElseThrow(() -> new LedgerRefusedException("organizationId",
				"ledger.error.noSuchOrganization"));
		if (!staff.scope().covers(site.regionPath())) {
			throw new LedgerRefusedException("organizationId", "ledger.error.noSuchOrganization");
		}
		return new Organization("SITE", site.id(), site.name(), site.regionPath(), null);
	}

	private static String activityType(String value) {
		if (value == null || value.isBlank()) {
			return ActivityType.SERVICE.name();
		}
		try {
			return ActivityType.valueOf(value).name();
		}
		catch (IllegalArgumentException ex) {
			throw new LedgerRefusedException("activityType", "ledger.error.activityType");
		}
	}

	private Span span(LocalDate day, LocalTime start, LocalTime end) {
		if (day == null) {
			throw new LedgerRefusedException("day", "ledger.error.required");
		}
		if (start == null) {
			throw new LedgerRefusedException("start", "ledger.error.required");
		}
		if (end == null) {
			throw new LedgerRefusedException("end", "ledger.error.required");
		}
		ZonedDateTime from = day.atTime(start).atZone(CityTime.ZONE);
		ZonedDateTime to = (end.isAfter(start) ? day : day.plusDays(1)).atTime(end).atZone(CityTime.ZONE);
		if (from.isAfter(ZonedDateTime.now(clock))) {
			throw new LedgerRefusedException("day", "ledger.error.future");
		}
		if (!to.isAfter(from) || java.time.Duration.between(from, to).toHours() >= 24) {
			throw new LedgerRefusedException("end", "ledger.error.span");
		}
		if (day.isBefore(LocalDate.of(2000, 1, 1))) {
			throw new LedgerRefusedException("day", "ledger.error.tooOld");
		}
		return new Span(from.toOffsetDateTime(), to.toOffsetDateTime());
	}

	private static BigDecimal hours(BigDecimal hours) {
		if (hours == null) {
			throw new LedgerRefusedException("hours", "ledger.error.required");
		}
		if (hours.signum() < 0 || hours.compareTo(MAX_HOURS) > 0 || hours.stripTrailingZeros().scale() > 1) {
			throw new LedgerRefusedException("hours", "ledger.error.hours");
		}
		return hours.setScale(1);
	}

	private Optional<OwnVolunteer> ownVolunteer(ScopedUser me) {
		if (me == null) {
			return Optional.empty();
		}
		return jdbc.sql("select id, volunteer_number from published_volunteer where user_id = :u").param("u", me.userId())
			.query((rs, n) -> new OwnVolunteer(rs.getLong(1), rs.getString(2))).optional();
	}

	static final String ROW_COLUMNS = """
			r.seq, r.kind, v.volunteer_number, v.real_name, r.activity_title, r.started_at, r.ended_at, r.hours,
			r.organization_name, r.recorded_by, r.confirmed_by, r.corrects_seq, r.reason, r.approved_by, r.recorded_at""";

	static final String CORRECTION_SELECT = """
			select r.id, r.volunteer_id, v.volunteer_number, v.real_name, r.record_seq,
			    coalesce(r.activity_title, s.activity_title) as activity_title,
			    coalesce(r.started_at, s.started_at) as started_at, coalesce(r.ended_at, s.ended_at) as ended_at,
			    r.hours, r.reason, coalesce(r.organization_name, s.organization_name) as organization_name, r.status,
			    r.requested_at, r.decided_at, r.decided_by, r.decision_reason, r.result_seq
			from correction_request r join published_volunteer v on v.id = r.volunteer_id
			left join service_record s on s.seq = r.record_seq""";

	private List<CorrectionRequest> corrections(String condition, long volunteerId, int limit) {
		return jdbc.sql(CORRECTION_SELECT + " where " + condition + " order by r.requested_at desc limit :limit")
			.param("v", volunteerId).param("limit", limit).query(ServiceLedger::correction).list();
	}

	static RecordRow row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new RecordRow(rs.getLong(1), RecordKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
				rs.getString(5), rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class),
				rs.getBigDecimal(8), rs.getString(9), rs.getString(10), rs.getString(11),
				(Long) rs.getObject(12, Long.class), rs.getString(13), rs.getString(14),
				rs.getObject(15, OffsetDateTime.class));
	}

	static CorrectionRequest correction(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new CorrectionRequest(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
				(Long) rs.getObject(5, Long.class), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
				rs.getObject(8, OffsetDateTime.class), rs.getBigDecimal(9), rs.getString(10), rs.getString(11),
				CorrectionRequest.Status.valueOf(rs.getString(12)), rs.getObject(13, OffsetDateTime.class),
				rs.getObject(14, OffsetDateTime.class), rs.getString(15), rs.getString(16),
				(Long) rs.getObject(17, Long.class));
	}

	static ServiceRecord stored(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new ServiceRecord(rs.getLong("seq"), RecordKind.valueOf(rs.getString("kind")), rs.getLong("volunteer_id"),
				(Long) rs.getObject("activity_id", Long.class), (Long) rs.getObject("shift_id", Long.class),
				rs.getString("activity_type"), rs.getString("activity_title"),
				rs.getObject("started_at", OffsetDateTime.class), rs.getObject("ended_at", OffsetDateTime.class),
				rs.getBigDecimal("hours"), rs.getString("organization_kind"), rs.getLong("organization_id"),
				rs.getString("organization_name"), rs.getString("region_path"), rs.getString("recorded_by"),
				rs.getString("confirmed_by"), (Long) rs.getObject("corrects_seq", Long.class), rs.getString("reason"),
				rs.getString("approved_by"), rs.getObject("recorded_at", OffsetDateTime.class),
				rs.getBytes("prev_hash"), rs.getBytes("hash"));
	}

	private record Organization(String kind, long id, String name, String regionPath, String activityType) {
	}

	private record OwnVolunteer(long id, String number) {
	}

	private record Span(OffsetDateTime start, OffsetDateTime end) {
	}
}
