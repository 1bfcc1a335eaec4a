package org.wenming.complaint;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.activity.Activities;
import org.wenming.activity.Activity;
import org.wenming.activity.Attendances;
import org.wenming.activity.Shift;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.FieldProblem;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.team.NameMask;

/**
 * An organizer's optional rating of a volunteer's service on one shift (1–5 and a short remark): only by those
 * who manage the shift's activity (its team's leader, staff in its scope; others: not found), only for a
 * volunteer who attended the shift (asked of the activity module), at most one per volunteer and shift — the
 * unique key decides between two organizers rating at once, the second is told 409. The volunteer sees their
 * own average and count; nothing is public.
 */
@Service
public class ServiceRatings {

	public static final int REMARK_MAX = 200;

	/** How many attendees a shift's rating page lists at most. */
	public static final int ATTENDEES_MAX = 500;

	private final JdbcClient jdbc;

	private final Activities activities;

	private final Attendances attendances;

	ServiceRatings(JdbcClient jdbc, Activities activities, Attendances attendances) {
		this.jdbc = jdbc;
		this.activities = activities;
		this.attendances = attendances;
	}

	/** A shift the organizer manages, with its activity. */
	public record ManagedShift(Shift shift, Activity activity) {
	}

	/**
	 * The shift, for one who manages its activity.
	 *
	 * @throws RecordNotFound when there is no such shift
	 * @throws OutOfScopeException (404) when the person does not manage its activity
	 */
	public ManagedShift managed(long shiftId, ScopedUser organizer) {
		Shift shift = activities.shift(shiftId).orElseThrow(RecordNotFound::new);
		Activity activity = activities.findForManaging(shift.activityId(), organizer).orElseThrow(RecordNotFound::new);
		return new ManagedShift(shift, activity);
	}

	/** One attendee of a shift on the rating page: masked name, number, and the rating if given. */
	public record Attendee(long volunteerId, String maskedName, String volunteerNumber, ServiceRating rating) {
	}

	/** The shift's attendees and their ratings, for its organizer. */
	public List<Attendee> attendees(long shiftId, ScopedUser organizer) {
		managed(shiftId, organizer);
		List<Long> ids = attendances.attendees(shiftId, ATTENDEES_MAX);
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, ServiceRating> ratings = new java.util.HashMap<>();
		jdbc.sql("select " + COLUMNS + " from shift_rating where shift_id = :s").param("s", shiftId)
			.query(ServiceRatings::row).list().forEach(r -> ratings.put(r.volunteerId(), r));
		List<Attendee> all = new ArrayList<>();
		jdbc.sql("select id, real_name, volunteer_number from published_volunteer where id in (:ids) order by id")
			.param("ids", ids).query((rs, i) -> new Attendee(rs.getLong(1), NameMask.mask(rs.getString(2)),
					rs.getString(3), ratings.get(rs.getLong(1))))
			.list().forEach(all::add);
		return List.copyOf(all);
	}

	/**
	 * Rates a volunteer's service on a shift.
	 *
	 * @throws OutOfScopeException (404) when the person does not manage the shift's activity
	 * @throws ComplaintRefusedException 400 naming {@code volunteerId} (did not attend), {@code score} or
	 *     {@code remark}; 409 when the volunteer's service on the shift is rated already; nothing stored
	 */
	@Transactional
	public ServiceRating rate(long shiftId, String volunteerId, String score, String remark, ScopedUser organizer) {
		managed(shiftId, organizer);
		List<FieldProblem> problems = new ArrayList<>();
		String v = Complaints.trim(volunteerId);
		Long volunteer = v != null && v.matches("\\d{1,18}") ? Long.valueOf(v) : null;
		if (volunteer == null || !attendances.attended(shiftId, volunteer)) {
			problems.add(new FieldProblem("volunteerId", "complaint.rating.error.notAttended"));
		}
		String s = Complaints.trim(score);
		if (s == null || !s.matches("[1-5]")) {
			problems.add(new FieldProblem("score", "complaint.rating.error.score"));
		}
		String text = Complaints.trim(remark);
		if (text != null && text.length() > REMARK_MAX) {
			problems.add(new FieldProblem("remark", "complaint.rating.error.remark"));
		}
		if (!problems.isEmpty()) {
			throw ComplaintRefusedException.invalid(problems);
		}
		Optional<Long> id = jdbc.sql("""
				insert into shift_rating (shift_id, volunteer_id, score, remark, region_path, rated_by, rated_at)
				select :shift, v.id, :score, :remark, v.region_path, :by, :at from published_volunteer v where v.id = :v
				on conflict (volunteer_id, shift_id) do nothing returning id""").param("shift", shiftId)
			.param("v", volunteer).param("score", Integer.parseInt(s)).param("remark", text == null ? "" : text)
			.param("by", organizer.username()).param("at", Timestamp.from(Instant.now())).query(Long.class).optional();
		if (id.isEmpty()) {
			throw ComplaintRefusedException.conflict("volunteerId", "complaint.rating.error.rated");
		}
		return jdbc.sql("select " + COLUMNS + " from shift_rating where id = :id").param("id", id.get())
			.query(ServiceRatings::row).single();
	}

	/** A volunteer's ratings: how many and their average (null when none), and the latest few. */
	public record Summary(int count, Double average, List<ServiceRating> latest) {
	}

	public Summary of(long volunteerId, int latest) {
		record Figures(int count, Double average) {
		}
		Figures f = jdbc.sql("select count(*), avg(score) from shift_rating where volunteer_id = :v")
			.param("v", volunteerId).query((rs, i) -> {
				double avg = rs.getDouble(2);
				return new Figures(rs.getInt(1), rs.wasNull() ? null : Math.round(avg * 10) / 10.0);
			}).single();
		List<ServiceRating> list = jdbc.sql("select " + COLUMNS
				+ " from shift_rating where volunteer_id = :v order by rated_at desc, id desc limit :n")
			.param("v", volunteerId).param("n", latest).query(ServiceRatings::row).list();
		return new Summary(f.count(), f.average(), list);
	}

	private static final String COLUMNS = "id, shift_id, volunteer_id, score, remark, rated_by, rated_at";

	private static ServiceRating row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		return new ServiceRating(rs.getLong("id"), rs.getLong("shift_id"), rs.getLong("volunteer_id"), rs.getInt("score"),
				rs.getString("remark"), rs.getString("rated_by"), rs.getObject("rated_at", OffsetDateTime.class));
	}
}
