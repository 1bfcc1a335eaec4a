package org.wenming.complaint;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.region.FieldProblem;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.team.NameMask;

/**
 * Complaints about volunteers. The office records one (from a resident or an organizer) for a volunteer in its
 * scope; it is then investigated and upheld or dismissed, each step with a reason, who and when, and only in
 * that order (any other step: 409 with the reason; two staff deciding at once: one wins, the other 409). Staff
 * outside the scope get not found. The volunteer sees their own complaints as {@link OwnComplaint} (never who
 * complained) and may respond once. Nothing here is public.
 */
@Service
@EnableConfigurationProperties(ComplaintProperties.class)
public class Complaints {

	/** Who records and handles complaints: the offices (and the system administrator), in their scope. */
	public static final Set<String> HANDLING_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF);

	public static final int REASON_MIN = 2;

	public static final int REASON_MAX = 500;

	public static final int SUMMARY_MAX = 1000;

	public static final int RESPONSE_MAX = 1000;

	private static final String COLUMNS = """
			c.id, c.volunteer_id, v.real_name, v.volunteer_number, c.complainant_kind, c.complainant_name, c.shift_id,
			c.summary, c.status, c.version, c.received_by, c.received_at, c.decided_at, c.response, c.responded_at,
			c.region_path""";

	private static final String FROM = "complaint c join published_volunteer v on v.id = c.volunteer_id";

	private final JdbcClient jdbc;

	Complaints(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public static boolean mayHandle(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(HANDLING_ROLES::contains);
	}

	/**
	 * A complaint as recorded by the office: the volunteer by their unified number, who complained (RESIDENT or
	 * ORGANIZER, and a name the volunteer never sees), optionally the shift, and what happened.
	 */
	public record Draft(String volunteerNumber, String complainantKind, String complainantName, String shiftId,
			String summary) {
	}

	/**
	 * Records a received complaint.
	 *
	 * @throws ComplaintRefusedException naming the fields (a volunteer outside the scope: {@code volunteerNumber});
	 *     nothing stored
	 */
	@Transactional
	public Complaint receive(Draft draft, ScopedUser staff) {
		requireHandling(staff);
		List<FieldProblem> problems = new ArrayList<>();
		String number = trim(draft.volunteerNumber());
		record Found(long id, String path) {
		}
		Found volunteer = number == null || number.length() > 20 ? null
				: jdbc.sql("select id, region_path from published_volunteer where volunteer_number = :n").param("n", number)
					.query((rs, i) -> new Found(rs.getLong(1), rs.getString(2))).optional()
					.filter(f -> staff.scope().covers(f.path())).orElse(null);
		if (volunteer == null) {
			problems.add(new FieldProblem("volunteerNumber", "complaint.error.volunteerNumber"));
		}
		String kind = trim(draft.complainantKind());
		if (!"RESIDENT".equals(kind) && !"ORGANIZER".equals(kind)) {
			problems.add(new FieldProblem("complainantKind", "complaint.error.complainantKind"));
		}
		String name = trim(draft.complainantName());
		if (name == null || name.length() > 50) {
			problems.add(new FieldProblem("complainantName", "complaint.error.complainantName"));
		}
		String shift = trim(draft.shiftId());
		Long shiftId = null;
		if (shift != null) {
			if (shift.matches("\\d{1,18}")) {
				shiftId = Long.valueOf(shift);
			}
			else {
				problems.add(new FieldProblem("shiftId", "complaint.error.shiftId"));
			}
		}
		String summary = trim(draft.summary());
		if (summary == null || summary.length() < REASON_MIN || summary.length() > SUMMARY_MAX) {
			problems.add(new FieldProblem("summary", "complaint.error.summary"));
		}
		if (!problems.isEmpty()) {
			throw ComplaintRefusedException.invalid(problems);
		}
		Timestamp now = Timestamp.from(Instant.now());
		long id = jdbc.sql("""
				insert into complaint (volunteer_id, region_path, complainant_kind, complainant_name, shift_id, summary,
				    status, received_by, received_at)
				values (:v, :path, :kind, :name, :shift, :summary, 'RECEIVED', :by, :at) returning id""")
			.param("v", volunteer.id()).param("path", volunteer.path()).param("kind", kind).param("name", name)
			.param("shift", shiftId, java.sql.Types.BIGINT).param("summary", summary).param("by", staff.username())
			.param("at", now).query(Long.class).single();
		recordStep(id, null, ComplaintStatus.RECEIVED, "", staff.username(), now);
		return find(id).orElseThrow();
	}

	/**
	 * Takes a step: {@code investigate} (received → investigating), {@code uphold} or {@code dismiss}
	 * (investigating → decided), with the reason.
	 *
	 * @throws OutOfScopeException (404) when the complaint lies outside the scope
	 * @throws ComplaintRefusedException 400 naming {@code action} or {@code reason}; 409 when the complaint's status
	 *     does not allow the step (or another step was taken first); nothing stored
	 */
	@Transactional
	public Complaint step(long id, String action, String reason, ScopedUser staff) {
		Complaint complaint = findForStaff(id, staff);
		List<FieldProblem> problems = new ArrayList<>();
		String act = trim(action);
		if (!"investigate".equals(act) && !"uphold".equals(act) && !"dismiss".equals(act)) {
			problems.add(new FieldProblem("action", "complaint.error.action"));
		}
		String why = trim(reason);
		if (why == null || why.length() < REASON_MIN || why.length() > REASON_MAX) {
			problems.add(new FieldProblem("reason", "complaint.error.reason"));
		}
		if (!problems.isEmpty()) {
			throw ComplaintRefusedException.invalid(problems);
		}
		ComplaintStatus to = complaint.status().after(act).orElseThrow(() -> ComplaintRefusedException
			.conflict("action", complaint.status().decided() ? "complaint.error.decided" : "complaint.error.order"));
		Timestamp now = Timestamp.from(Instant.now());
		int changed = jdbc.sql("""
				update complaint set status = :to, version = version + 1, decided_at = :decided
				where id = :id and status = :from""").param("to", to.name())
			.param("decided", to.decided() ? now : null, java.sql.Types.TIMESTAMP)
			.param("id", complaint.id()).param("from", complaint.status().name()).update();
		if (changed == 0) {
			throw ComplaintRefusedException.conflict("action", "complaint.error.stale");
		}
		recordStep(complaint.id(), complaint.status(), to, why, staff.username(), now);
		return find(complaint.id()).orElseThrow();
	}

	private void recordStep(long complaintId, ComplaintStatus from, ComplaintStatus to, String reason, String by, Timestamp at) {
		jdbc.sql("""
				insert into complaint_step (complaint_id, from_status, to_status, reason, acted_by, acted_at)
				values (:c, :from, :to, :reason, :by, :at)""").param("c", complaintId)
			.param("from", from == null ? null : from.name(), java.sql.Types.VARCHAR).param("to", to.name())
			.param("reason", reason).param("by", by).param("at", at).update();
	}

	/** @throws OutOfScopeException when there is none or it lies outside the scope (answered as not found) */
	public Complaint findForStaff(long id, ScopedUser staff) {
		requireHandling(staff);
		return find(id).filter(c -> staff.scope().covers(c.regionPath()))
			.orElseThrow(() -> new OutOfScopeException("complaint", String.valueOf(id)));
	}

	/** The complaints in a scope (all, or of one status), newest first, at most {@code limit}; with their steps. */
	public List<Complaint> in(DataScope scope, ComplaintStatus status, int limit) {
		List<Complaint> found = jdbc.sql("select " + COLUMNS + " from " + FROM
				+ " where c.region_path >= :lower and c.region_path < :upper and (cast(:status as varchar) is null or c.status = :status)"
				+ " order by c.received_at desc, c.id desc limit :limit").param("lower", scope.lower())
			.param("upper", scope.upper()).param("status", status == null ? null : status.name(), java.sql.Types.VARCHAR)
			.param("limit", limit).query((rs, i) -> row(rs, List.of())).list();
		return withSteps(found);
	}

	Optional<Complaint> find(long id) {
		return withSteps(jdbc.sql("select " + COLUMNS + " from " + FROM + " where c.id = :id").param("id", id)
			.query((rs, i) -> row(rs, List.of())).list()).stream().findFirst();
	}

	private List<Complaint> withSteps(List<Complaint> complaints) {
		if (complaints.isEmpty()) {
			return complaints;
		}
		Map<Long, List<Complaint.Step>> steps = jdbc.sql("""
				select complaint_id, from_status, to_status, reason, acted_by, acted_at from complaint_step
				where complaint_id in (:ids) order by id""").param("ids", complaints.stream().map(Complaint::id).toList())
			.query((rs, i) -> Map.entry(rs.getLong(1), new Complaint.Step(
					rs.getString(2) == null ? null : ComplaintStatus.valueOf(rs.getString(2)),
					ComplaintStatus.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
					rs.getObject(6, OffsetDateTime.class))))
			.list().stream().collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return complaints.stream().map(c -> new Complaint(c.id(), c.volunteerId(), c.volunteerName(), c.volunteerNumber(),
				c.complainantKind(), c.complainantName(), c.shiftId(), c.summary(), c.status(), c.version(), c.receivedBy(),
				c.receivedAt(), c.decidedAt(), c.response(), c.respondedAt(), c.regionPath(),
				steps.getOrDefault(c.id(), List.of()))).toList();
	}

	/** The signed-in person's volunteer id, when they are a registered volunteer. */
	public Optional<Long> ownVolunteerId(ScopedUser me) {
		if (me == null) {
			return Optional.empty();
		}
		return jdbc.sql("select id from published_volunteer where user_id = :user").param("user", me.userId())
			.query(Long.class).optional();
	}

	/** The complaints about the signed-in volunteer, newest first, without who complained. */
	public List<OwnComplaint> own(long volunteerId) {
		return jdbc.sql("""
				select c.id, c.summary, c.status, c.received_at, c.decided_at, c.response, c.responded_at,
				    (select s.reason from complaint_step s where s.complaint_id = c.id and s.to_status in ('UPHELD', 'DISMISSED')
				     order by s.id desc limit 1) as decision_reason
				from complaint c where c.volunteer_id = :v order by c.received_at desc, c.id desc""").param("v", volunteerId)
			.query((rs, i) -> new OwnComplaint(rs.getLong("id"), rs.getString("summary"),
					ComplaintStatus.valueOf(rs.getString("status")), rs.getObject("received_at", OffsetDateTime.class),
					rs.getObject("decided_at", OffsetDateTime.class), rs.getString("decision_reason"),
					rs.getString("response"), rs.getObject("responded_at", OffsetDateTime.class)))
			.list();
	}

	/**
	 * The volunteer's response to a complaint about them: once.
	 *
	 * @throws OutOfScopeException (404) when the complaint is not about the signed-in volunteer
	 * @throws ComplaintRefusedException 400 naming {@code response}; 409 when they responded already
	 */
	@Transactional
	public OwnComplaint respond(ScopedUser me, long id, String response) {
		long volunteer = ownVolunteerId(me).orElseThrow(() -> new OutOfScopeException("complaint", String.valueOf(id)));
		boolean theirs = jdbc.sql("select exists (select 1 from complaint where id = :id and volunteer_id = :v)")
			.param("id", id).param("v", volunteer).query(Boolean.class).single();
		if (!theirs) {
			throw new OutOfScopeException("complaint", String.valueOf(id));
		}
		String text = trim(response);
		if (text == null || text.length() < REASON_MIN || text.length() > RESPONSE_MAX) {
			throw ComplaintRefusedException.invalid(List.of(new FieldProblem("response", "complaint.error.response")));
		}
		int changed = jdbc.sql("""
				update complaint set response = :text, responded_at = :at
				where id = :id and volunteer_id = :v and response is null""").param("text", text)
			.param("at", Timestamp.from(Instant.now())).param("id", id).param("v", volunteer).update();
		if (changed == 0) {
			throw ComplaintRefusedException.conflict("response", "complaint.error.responded");
		}
		return own(volunteer).stream().filter(c -> c.id() == id).findFirst().orElseThrow();
	}

	private static void requireHandling(ScopedUser user) {
		if (!mayHandle(user)) {
			throw new OutOfScopeException("complaint", "staff");
		}
	}

	static String trim(String value) {
		if (value == null) {
			return null;
		}
		String t = value.strip();
		return t.isEmpty() ? null : t;
	}

	private static Complaint row(java.sql.ResultSet rs, List<Complaint.Step> steps) throws java.sql.SQLException {
		long shift = rs.getLong("shift_id");
		Long shiftId = rs.wasNull() ? null : shift;
		return new Complaint(rs.getLong("id"), rs.getLong("volunteer_id"), NameMask.mask(rs.getString("real_name")),
				rs.getString("volunteer_number"), rs.getString("complainant_kind"), rs.getString("complainant_name"),
				shiftId, rs.getString("summary"), ComplaintStatus.valueOf(rs.getString("status")), rs.getInt("version"),
				rs.getString("received_by"), rs.getObject("received_at", OffsetDateTime.class),
				rs.getObject("decided_at", OffsetDateTime.class), rs.getString("response"),
				rs.getObject("responded_at", OffsetDateTime.class), rs.getString("region_path"), steps);
	}
}
