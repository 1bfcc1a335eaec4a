package org.wenming.training;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.region.FieldProblem;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.team.NameMask;

/**
 * Courses, enrolments and completions (培训). Office staff keep the courses of their region scope and record who
 * completed them; a volunteer enrols in an upcoming course of their region and sees what they completed and hold.
 * Courses completed in another system enter through {@link #recordExternal}, marked by their source, once per
 * source reference. A qualification is held while a completed course granting it is within its validity; the view
 * {@code published_training_qualification} says the same for other modules.
 */
@Service
public class Trainings {

	/** Who keeps courses and records completions: the offices (and the system administrator), in their scope. */
	public static final Set<String> RECORDING_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF);

	public static final BigDecimal MAX_HOURS = new BigDecimal("200");

	static final LocalDate EARLIEST = LocalDate.of(1990, 1, 1);

	private static final String COURSE_COLUMNS = """
			c.id, c.title, c.provider, c.hours, c.starts_on, c.ends_on, c.place, c.certificate, c.qualification,
			c.validity_months, c.status, c.region_code, c.region_path,
			(select count(*) from training_enrolment e where e.course_id = c.id and e.status in ('ENROLLED', 'COMPLETED')) as enrolled""";

	private final JdbcClient jdbc;

	private final Regions regions;

	Trainings(JdbcClient jdbc, Regions regions) {
		this.jdbc = jdbc;
		this.regions = regions;
	}

	public static boolean mayRecord(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(RECORDING_ROLES::contains);
	}

	static void requireRecording(ScopedUser user) {
		if (!mayRecord(user)) {
			throw new OutOfScopeException("training", "staff");
		}
	}

	public static LocalDate today() {
		return LocalDate.now(CityTime.ZONE);
	}

	// ---------------------------------------------------------------- courses

	/**
	 * A course as submitted, every value text: {@code hours} a decimal (one place) above 0 and at most 200,
	 * {@code startsOn}/{@code endsOn} yyyy-MM-dd (the end optional), {@code certificate} "true" or not,
	 * {@code qualification} a {@link Qualification} code or blank, {@code validityMonths} 1..240 or blank.
	 */
	public record CourseDraft(String title, String provider, String hours, String startsOn, String endsOn, String place,
			String certificate, String regionCode, String qualification, String validityMonths) {
	}

	private record CheckedCourse(String title, String provider, BigDecimal hours, LocalDate startsOn, LocalDate endsOn,
			String place, boolean certificate, Region region, Qualification qualification, Integer validityMonths) {
	}

	/**
	 * @throws TrainingRefusedException naming the fields; nothing stored
	 * @throws OutOfScopeException (404) for anyone but the offices
	 */
	@Transactional
	public Course createCourse(CourseDraft draft, ScopedUser staff) {
		requireRecording(staff);
		CheckedCourse c = check(draft, staff);
		long id = jdbc.sql("""
				insert into training_course (title, provider, hours, starts_on, ends_on, place, certificate, qualification,
				    validity_months, region_code, region_path, created_by, created_at)
				values (:title, :provider, :hours, :startsOn, :endsOn, :place, :certificate, :qualification, :months,
				    :region, :path, :by, :at) returning id""")
			.param("title", c.title()).param("provider", c.provider()).param("hours", c.hours())
			.param("startsOn", c.startsOn()).param("endsOn", c.endsOn(), Types.DATE).param("place", c.place())
			.param("certificate", c.certificate())
			.param("qualification", c.qualification() == null ? null : c.qualification().name(), Types.VARCHAR)
			.param("months", c.validityMonths(), Types.INTEGER).param("region", c.region().code())
			.param("path", c.region().path()).param("by", staff.username()).param("at", Timestamp.from(Instant.now()))
			.query(Long.class).single();
		return find(id).orElseThrow();
	}

	/** Changes a course of the scope; a cancelled one cannot change. */
	@Transactional
	public Course updateCourse(long id, CourseDraft draft, ScopedUser staff) {
		Course course = lockForStaff(id, staff);
		if (course.cancelled()) {
			throw TrainingRefusedException.conflict("status", "training.error.cancelled");
		}
		CheckedCourse c = check(draft, staff);
		jdbc.sql("""
				update training_course set title = :title, provider = :provider, hours = :hours, starts_on = :startsOn,
				    ends_on = :endsOn, place = :place, certificate = :certificate, qualification = :qualification,
				    validity_months = :months, region_code = :region, region_path = :path where id = :id""")
			.param("title", c.title()).param("provider", c.provider()).param("hours", c.hours())
			.param("startsOn", c.startsOn()).param("endsOn", c.endsOn(), Types.DATE).param("place", c.place())
			.param("certificate", c.certificate())
			.param("qualification", c.qualification() == null ? null : c.qualification().name(), Types.VARCHAR)
			.param("months", c.validityMonths(), Types.INTEGER).param("region", c.region().code())
			.param("path", c.region().path()).param("id", id).update();
		return find(id).orElseThrow();
	}

	/** Cancels a course of the scope that nobody completed yet (409 otherwise, and when cancelled already). */
	@Transactional
	public Course cancelCourse(long id, ScopedUser staff) {
		Course course = lockForStaff(id, staff);
		if (course.cancelled()) {
			throw TrainingRefusedException.conflict("status", "training.error.cancelled");
		}
		boolean completed = jdbc.sql("select exists (select 1 from training_enrolment where course_id = :id and status = 'COMPLETED')")
			.param("id", id).query(Boolean.class).single();
		if (completed) {
			throw TrainingRefusedException.conflict("status", "training.error.cancelCompleted");
		}
		jdbc.sql("update training_course set status = 'CANCELLED' where id = :id").param("id", id).update();
		return find(id).orElseThrow();
	}

	/** @throws OutOfScopeException (404) when there is none or it lies outside the staff's scope */
	public Course courseForStaff(long id, ScopedUser staff) {
		requireRecording(staff);
		return find(id).filter(c -> staff.scope().covers(c.regionPath()))
			.orElseThrow(() -> new OutOfScopeException("training_course", String.valueOf(id)));
	}

	private Course lockForStaff(long id, ScopedUser staff) {
		requireRecording(staff);
		jdbc.sql("select id from training_course where id = :id for update").param("id", id).query(Long.class).optional();
		return courseForStaff(id, staff);
	}

	/** The courses of a scope, latest first, at most {@code limit}. */
	public List<Course> coursesIn(DataScope scope, int limit) {
		return jdbc.sql("select " + COURSE_COLUMNS + " from training_course c"
				+ " where c.region_path >= :lower and c.region_path < :upper order by c.starts_on desc, c.id desc limit :limit")
			.param("lower", scope.lower()).param("upper", scope.upper()).param("limit", limit)
			.query(Trainings::course).list();
	}

	public Optional<Course> find(long id) {
		return jdbc.sql("select " + COURSE_COLUMNS + " from training_course c where c.id = :id").param("id", id)
			.query(Trainings::course).optional();
	}

	private CheckedCourse check(CourseDraft d, ScopedUser staff) {
		List<FieldProblem> problems = new ArrayList<>();
		String title = text(d.title(), 200, "title", problems);
		String provider = text(d.provider(), 200, "provider", problems);
		String place = text(d.place(), 200, "place", problems);
		BigDecimal hours = hours(d.hours());
		if (hours == null) {
			problems.add(new FieldProblem("hours", "training.error.hours"));
		}
		LocalDate startsOn = date(d.startsOn());
		if (startsOn == null || startsOn.isBefore(EARLIEST) || startsOn.isAfter(today().plusYears(2))) {
			problems.add(new FieldProblem("startsOn", "training.error.startsOn"));
		}
		LocalDate endsOn = null;
		if (trim(d.endsOn()) != null) {
			endsOn = date(d.endsOn());
			if (endsOn == null || (startsOn != null && (endsOn.isBefore(startsOn) || endsOn.isAfter(startsOn.plusYears(1))))) {
				problems.add(new FieldProblem("endsOn", "training.error.endsOn"));
			}
		}
		String certificate = trim(d.certificate());
		if (certificate != null && !"true".equals(certificate) && !"false".equals(certificate) && !"on".equals(certificate)) {
			problems.add(new FieldProblem("certificate", "training.error.certificate"));
		}
		Region region = Optional.ofNullable(trim(d.regionCode())).filter(code -> code.matches("\\d{2,12}"))
			.flatMap(regions::find).filter(r -> staff.scope().covers(r.path())).orElse(null);
		if (region == null) {
			problems.add(new FieldProblem("regionCode", "training.error.regionCode"));
		}
		Qualification qualification = null;
		if (trim(d.qualification()) != null) {
			qualification = Qualification.parse(d.qualification()).orElse(null);
			if (qualification == null) {
				problems.add(new FieldProblem("qualification", "training.error.qualification"));
			}
		}
		Integer months = null;
		String m = trim(d.validityMonths());
		if (m != null) {
			months = m.matches("\\d{1,3}") ? Integer.valueOf(m) : null;
			if (months == null || months < 1 || months > 240 || trim(d.qualification()) == null) {
				problems.add(new FieldProblem("validityMonths", "training.error.validityMonths"));
			}
		}
		if (!problems.isEmpty()) {
			throw new TrainingRefusedException(problems);
		}
		return new CheckedCourse(title, provider, hours, startsOn, endsOn, place,
				"true".equals(certificate) || "on".equals(certificate), region, qualification, months);
	}

	// ---------------------------------------------------------------- enrolments and completions

	/**
	 * One volunteer on a course as staff record it: {@code volunteerNumber} the unified number, {@code status} an
	 * {@link EnrolmentStatus}, {@code completedOn} yyyy-MM-dd for a completion (not before the course's first day,
	 * not after today), {@code certificateNumber} optional, for a completion only.
	 */
	public record EntryDraft(String volunteerNumber, String status, String completedOn, String certificateNumber) {
	}

	/** A checked entry, ready to store. */
	public record CheckedEntry(long volunteerId, EnrolmentStatus status, LocalDate completedOn, String certificateNumber) {
	}

	/**
	 * Records (or corrects) one volunteer's enrolment or completion on a course of the scope.
	 *
	 * @throws TrainingRefusedException naming the fields; nothing stored
	 */
	@Transactional
	public Enrolment record(long courseId, EntryDraft draft, ScopedUser staff) {
		Course course = courseForStaff(courseId, staff);
		List<FieldProblem> problems = new ArrayList<>();
		CheckedEntry entry = checkEntry(course, draft, staff, problems::add);
		if (!problems.isEmpty()) {
			throw new TrainingRefusedException(problems);
		}
		store(course.id(), entry, staff.username());
		return enrolment(course.id(), entry.volunteerId()).orElseThrow();
	}

	/** Reports one problem of an entry: the field and the rule's message key. */
	public interface Problems {
		void add(FieldProblem problem);
	}

	/** Checks an entry against its course and the staff's scope; null when a problem was reported. */
	public CheckedEntry checkEntry(Course course, EntryDraft draft, ScopedUser staff, Problems problems) {
		boolean ok = true;
		if (course.cancelled()) {
			problems.add(new FieldProblem("course", "training.error.cancelled"));
			ok = false;
		}
		Long volunteerId = null;
		String number = trim(draft.volunteerNumber());
		if (number == null || number.length() > 20) {
			problems.add(new FieldProblem("volunteerNumber", "training.error.volunteerUnknown"));
			ok = false;
		}
		else {
			record Found(long id, String path) {
			}
			Found found = jdbc.sql("select id, region_path from published_volunteer where volunteer_number = :n")
				.param("n", number).query((rs, i) -> new Found(rs.getLong(1), rs.getString(2))).optional().orElse(null);
			if (found == null) {
				problems.add(new FieldProblem("volunteerNumber", "training.error.volunteerUnknown"));
				ok = false;
			}
			else if (!staff.scope().covers(found.path())) {
				problems.add(new FieldProblem("volunteerNumber", "training.error.volunteerOutOfScope"));
				ok = false;
			}
			else {
				volunteerId = found.id();
			}
		}
		EnrolmentStatus status = null;
		for (EnrolmentStatus s : EnrolmentStatus.values()) {
			if (s.name().equals(trim(draft.status()))) {
				status = s;
			}
		}
		if (status == null) {
			problems.add(new FieldProblem("status", "training.error.status"));
			ok = false;
		}
		LocalDate on = null;
		String day = trim(draft.completedOn());
		String certificateNumber = trim(draft.certificateNumber());
		if (status == EnrolmentStatus.COMPLETED) {
			on = date(day);
			if (on == null || on.isAfter(today())) {
				problems.add(new FieldProblem("completedOn", "training.error.completedOn"));
				ok = false;
			}
			else if (on.isBefore(course.startsOn())) {
				problems.add(new FieldProblem("completedOn", "training.error.completedBeforeCourse"));
				ok = false;
			}
			if (certificateNumber != null && (certificateNumber.length() > 64 || !certificateNumber.matches("[\\p{L}\\p{N}\\-_/()（）.]+"))) {
				problems.add(new FieldProblem("certificateNumber", "training.error.certificateNumber"));
				ok = false;
			}
		}
		else if (status != null && (day != null || certificateNumber != null)) {
			problems.add(new FieldProblem(day != null ? "completedOn" : "certificateNumber", "training.error.notCompleted"));
			ok = false;
		}
		return ok ? new CheckedEntry(volunteerId, status, on, certificateNumber) : null;
	}

	/** Stores a checked entry: one row per course and volunteer, the latest entry wins. */
	public void store(long courseId, CheckedEntry e, String by) {
		jdbc.sql("""
				insert into training_enrolment (course_id, volunteer_id, status, completed_on, certificate_number,
				    enrolled_at, recorded_by, recorded_at)
				values (:course, :volunteer, :status, :on, :number, now(), :by, now())
				on conflict (course_id, volunteer_id) do update set status = excluded.status,
				    completed_on = excluded.completed_on, certificate_number = excluded.certificate_number,
				    recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at""")
			.param("course", courseId).param("volunteer", e.volunteerId()).param("status", e.status().name())
			.param("on", e.completedOn(), Types.DATE).param("number", e.certificateNumber(), Types.VARCHAR)
			.param("by", by).update();
	}

	/** A course's volunteers for staff in scope, names masked, completed first. */
	public List<Enrolment> enrolments(long courseId, ScopedUser staff, int limit) {
		courseForStaff(courseId, staff);
		return jdbc.sql(ENROLMENT + " where e.course_id = :course order by case e.status when 'COMPLETED' then 0"
				+ " when 'ENROLLED' then 1 else 2 end, e.id limit :limit")
			.param("course", courseId).param("limit", limit).query(Trainings::enrolment).list();
	}

	private Optional<Enrolment> enrolment(long courseId, long volunteerId) {
		return jdbc.sql(ENROLMENT + " where e.course_id = :course and e.volunteer_id = :v").param("course", courseId)
			.param("v", volunteerId).query(Trainings::enrolment).optional();
	}

	private static final String ENROLMENT = """
			select e.id, e.course_id, e.volunteer_id, v.real_name, v.volunteer_number, e.status, e.completed_on,
			    e.certificate_number
			from training_enrolment e join published_volunteer v on v.id = e.volunteer_id""";

	// ---------------------------------------------------------------- the volunteer

	/** The signed-in person's volunteer id and region path, when they are a registered volunteer. */
	private record Own(long id, String regionPath, boolean active) {
	}

	private Optional<Own> own(ScopedUser me) {
		if (me == null) {
			return Optional.empty();
		}
		return jdbc.sql("select id, region_path, status from published_volunteer where user_id = :user")
			.param("user", me.userId())
			.query((rs, i) -> new Own(rs.getLong(1), rs.getString(2), "ACTIVE".equals(rs.getString(3)))).optional();
	}

	public Optional<Long> ownVolunteerId(ScopedUser me) {
		return own(me).map(Own::id);
	}

	/** An upcoming course the volunteer may enrol in, and whether they did. */
	public record Upcoming(Course course, boolean enrolled) {
	}

	/** The volunteer's training: completed courses (newest first), held qualifications, upcoming courses. */
	public record Mine(long volunteerId, List<CompletedCourse> completed, List<HeldQualification> held,
			List<Upcoming> upcoming) {

		public BigDecimal hours() {
			return completed.stream().map(CompletedCourse::hours).reduce(BigDecimal.ZERO, BigDecimal::add);
		}
	}

	public Optional<Mine> mine(ScopedUser me) {
		return own(me).map(o -> new Mine(o.id(), completedBy(o.id()), held(o.id()), upcoming(o, 50)));
	}

	/**
	 * The open courses of the volunteer's region (their county's, their city's, ...) that have not started yet,
	 * soonest first.
	 */
	private List<Upcoming> upcoming(Own own, int limit) {
		return jdbc.sql("select " + COURSE_COLUMNS + """
				, exists (select 1 from training_enrolment e where e.course_id = c.id and e.volunteer_id = :v
				           and e.status in ('ENROLLED', 'COMPLETED')) as mine
				from training_course c
				where c.status = 'OPEN' and c.starts_on > :today and starts_with(:path, c.region_path)
				order by c.starts_on, c.id limit :limit""")
			.param("v", own.id()).param("today", today()).param("path", own.regionPath()).param("limit", limit)
			.query((rs, i) -> new Upcoming(course(rs, i), rs.getBoolean("mine"))).list();
	}

	/**
	 * The volunteer enrols in an upcoming open course of their region; enrolling again (at once or later) keeps
	 * the one row. A withdrawn enrolment is taken up again.
	 *
	 * @throws OutOfScopeException (404) when they are no volunteer or the course is not one they may enrol in
	 * @throws TrainingRefusedException (409) when the course is cancelled or has started, or they are withdrawn
	 */
	@Transactional
	public Enrolment enrolSelf(long courseId, ScopedUser me) {
		Own own = own(me).orElseThrow(() -> new OutOfScopeException("volunteer", "own"));
		Course course = find(courseId).filter(c -> own.regionPath().startsWith(c.regionPath()))
			.orElseThrow(() -> new OutOfScopeException("training_course", String.valueOf(courseId)));
		if (!own.active()) {
			throw TrainingRefusedException.conflict("volunteer", "training.error.volunteerWithdrawn");
		}
		if (course.cancelled() || !course.startsOn().isAfter(today())) {
			throw TrainingRefusedException.conflict("course", "training.error.notOpen");
		}
		jdbc.sql("""
				insert into training_enrolment (course_id, volunteer_id, status, enrolled_at, recorded_by, recorded_at)
				values (:course, :v, 'ENROLLED', now(), :by, now())
				on conflict (course_id, volunteer_id) do update set status = 'ENROLLED', recorded_at = now()
				where training_enrolment.status = 'WITHDRAWN'""")
			.param("course", courseId).param("v", own.id()).param("by", me.username()).update();
		return enrolment(courseId, own.id()).orElseThrow();
	}

	// ---------------------------------------------------------------- the record (exchange's API)

	/** All the courses the volunteer completed, here and elsewhere, newest first. */
	public List<CompletedCourse> completedBy(long volunteerId) {
		List<CompletedCourse> all = new ArrayList<>(jdbc.sql("""
				select c.title, c.provider, c.hours, e.completed_on, c.place, c.certificate, e.certificate_number,
				    c.qualification, null as source, e.id
				from training_enrolment e join training_course c on c.id = e.course_id
				where e.volunteer_id = :v and e.status = 'COMPLETED'
				union all
				select title, provider, hours, completed_on, place, certificate, certificate_number, qualification,
				    source, -id
				from training_external where volunteer_id = :v
				order by 4 desc, 10 desc""").param("v", volunteerId).query(Trainings::completed).list());
		return List.copyOf(all);
	}

	/**
	 * Enters a course completed in another system (record transfer). The qualification it grants lasts the
	 * qualification's standard months from its completion ({@link Qualification#standardMonths}).
	 *
	 * @return false when (source, sourceRef) is already there: nothing changed
	 * @throws TrainingRefusedException naming the field when a value is missing or out of bounds
	 */
	@Transactional
	public boolean recordExternal(long volunteerId, String source, String sourceRef, CompletedCourse course) {
		List<FieldProblem> problems = new ArrayList<>();
		String src = text(source, 100, "source", problems);
		String ref = text(sourceRef, 100, "sourceRef", problems);
		if (course == null) {
			throw TrainingRefusedException.invalid("course", "training.error.title");
		}
		String title = text(course.title(), 200, "title", problems);
		String provider = text(course.provider(), 200, "provider", problems);
		String place = trim(course.place());
		if (place != null && place.length() > 200) {
			problems.add(new FieldProblem("place", "training.error.place"));
		}
		BigDecimal hours = course.hours() == null ? null : hours(course.hours().toPlainString());
		if (hours == null) {
			problems.add(new FieldProblem("hours", "training.error.hours"));
		}
		if (course.completedOn() == null || course.completedOn().isBefore(EARLIEST)
				|| course.completedOn().isAfter(today())) {
			problems.add(new FieldProblem("completedOn", "training.error.completedOn"));
		}
		String number = trim(course.certificateNumber());
		if (number != null && number.length() > 64) {
			problems.add(new FieldProblem("certificateNumber", "training.error.certificateNumber"));
		}
		boolean known = jdbc.sql("select exists (select 1 from published_volunteer where id = :v)")
			.param("v", volunteerId).query(Boolean.class).single();
		if (!known) {
			problems.add(new FieldProblem("volunteerId", "training.error.volunteerUnknown"));
		}
		if (!problems.isEmpty()) {
			throw new TrainingRefusedException(problems);
		}
		Qualification q = course.qualification();
		LocalDate validUntil = q == null || q.standardMonths() == null ? null
				: course.completedOn().plusMonths(q.standardMonths()).minusDays(1);
		return jdbc.sql("""
				insert into training_external (volunteer_id, source, source_ref, title, provider, hours, completed_on,
				    place, certificate, certificate_number, qualification, valid_until, recorded_at)
				values (:v, :source, :ref, :title, :provider, :hours, :on, :place, :certificate, :number, :q, :until, now())
				on conflict (source, source_ref) do nothing""")
			.param("v", volunteerId).param("source", src).param("ref", ref).param("title", title)
			.param("provider", provider).param("hours", hours).param("on", course.completedOn())
			.param("place", place, Types.VARCHAR).param("certificate", course.certificate())
			.param("number", number, Types.VARCHAR).param("q", q == null ? null : q.name(), Types.VARCHAR)
			.param("until", validUntil, Types.DATE).update() == 1;
	}

	/** The qualifications the volunteer holds or held, with their validity (the published view's rows). */
	public List<HeldQualification> held(long volunteerId) {
		List<HeldQualification> held = new ArrayList<>(jdbc.sql("""
				select qualification, valid_until from published_training_qualification where volunteer_id = :v""")
			.param("v", volunteerId)
			.query((rs, i) -> new HeldQualification(Qualification.valueOf(rs.getString(1)),
					rs.getObject(2, LocalDate.class)))
			.list());
		held.sort(Comparator.comparing(HeldQualification::qualification));
		return List.copyOf(held);
	}

	/** Whether the volunteer holds the qualification on the day. */
	public boolean holds(long volunteerId, Qualification qualification, LocalDate day) {
		return held(volunteerId).stream().anyMatch(h -> h.qualification() == qualification && h.validOn(day));
	}

	// ---------------------------------------------------------------- values

	static String trim(String value) {
		if (value == null) {
			return null;
		}
		String t = value.strip();
		return t.isEmpty() ? null : t;
	}

	private static String text(String value, int max, String field, List<FieldProblem> problems) {
		String t = trim(value);
		if (t == null || t.length() > max) {
			problems.add(new FieldProblem(field, "training.error." + field));
		}
		return t;
	}

	/** Hours: above 0, at most 200, at most one decimal place; null when not. */
	public static BigDecimal hours(String text) {
		String t = trim(text);
		if (t == null || !t.matches("\\d{1,3}(\\.\\d{1,2})?")) {
			return null;
		}
		BigDecimal h = new BigDecimal(t).stripTrailingZeros();
		if (h.signum() <= 0 || h.compareTo(MAX_HOURS) > 0 || h.scale() > 1) {
			return null;
		}
		return h.setScale(1);
	}

	/** yyyy-MM-dd, or null. */
	public static LocalDate date(String text) {
		String t = trim(text);
		try {
			return t == null || t.length() != 10 ? null : LocalDate.parse(t);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static Course course(ResultSet rs, int i) throws SQLException {
		String q = rs.getString("qualification");
		return new Course(rs.getLong("id"), rs.getString("title"), rs.getString("provider"), rs.getBigDecimal("hours"),
				rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
				rs.getString("place"), rs.getBoolean("certificate"), q == null ? null : Qualification.valueOf(q),
				rs.getObject("validity_months", Integer.class), "CANCELLED".equals(rs.getString("status")),
				rs.getString("region_code"), rs.getString("region_path"), rs.getInt("enrolled"));
	}

	private static Enrolment enrolment(ResultSet rs, int i) throws SQLException {
		return new Enrolment(rs.getLong("id"), rs.getLong("course_id"), rs.getLong("volunteer_id"),
				NameMask.mask(rs.getString("real_name")), rs.getString("volunteer_number"),
				EnrolmentStatus.valueOf(rs.getString("status")), rs.getObject("completed_on", LocalDate.class),
				rs.getString("certificate_number"));
	}

	private static CompletedCourse completed(ResultSet rs, int i) throws SQLException {
		String q = rs.getString(8);
		return new CompletedCourse(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getObject(4, LocalDate.class),
				rs.getString(5), rs.getBoolean(6), rs.getString(7), q == null ? null : Qualification.valueOf(q),
				rs.getString(9));
	}
}
