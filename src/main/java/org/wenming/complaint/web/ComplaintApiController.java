package org.wenming.complaint.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.complaint.Complaint;
import org.wenming.complaint.ComplaintRefusedException;
import org.wenming.complaint.Complaints;
import org.wenming.complaint.OwnComplaint;
import org.wenming.complaint.ServiceRating;
import org.wenming.complaint.ServiceRatings;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.FieldProblem;
import org.wenming.shared.ScopedUser;

/**
 * Complaints and ratings as JSON. The offices record, list and handle complaints in their scope (other roles
 * 403, outside the scope 404, a step the status does not allow 409 naming the reason); the volunteer reads their
 * own complaints (never who complained) and ratings and responds once; organizers rate volunteers who attended
 * their shifts. Nothing here is public.
 */
@RestController
class ComplaintApiController {

	record StepJson(String from, String to, String reason, String actedBy, OffsetDateTime actedAt) {
	}

	record ComplaintJson(long id, long volunteerId, String volunteerName, String volunteerNumber,
			String complainantKind, String complainantName, Long shiftId, String summary, String status,
			OffsetDateTime receivedAt, OffsetDateTime decidedAt, String response, OffsetDateTime respondedAt,
			List<StepJson> steps) {

		static ComplaintJson of(Complaint c) {
			return new ComplaintJson(c.id(), c.volunteerId(), c.volunteerName(), c.volunteerNumber(), c.complainantKind(),
					c.complainantName(), c.shiftId(), c.summary(), c.status().name(), c.receivedAt(), c.decidedAt(),
					c.response(), c.respondedAt(), c.steps().stream().map(s -> new StepJson(
							s.from() == null ? null : s.from().name(), s.to().name(), s.reason(), s.actedBy(), s.actedAt()))
						.toList());
		}
	}

	/** A complaint as its volunteer sees it: no complainant. */
	record OwnJson(long id, String summary, String status, OffsetDateTime receivedAt, OffsetDateTime decidedAt,
			String decisionReason, String response, OffsetDateTime respondedAt) {

		static OwnJson of(OwnComplaint c) {
			return new OwnJson(c.id(), c.summary(), c.status().name(), c.receivedAt(), c.decidedAt(), c.decisionReason(),
					c.response(), c.respondedAt());
		}
	}

	record RatingJson(long id, long shiftId, long volunteerId, int score, String remark, OffsetDateTime ratedAt) {

		static RatingJson of(ServiceRating r) {
			return new RatingJson(r.id(), r.shiftId(), r.volunteerId(), r.score(), r.remark(), r.ratedAt());
		}
	}

	record MineJson(List<OwnJson> complaints, int ratingCount, Double ratingAverage, List<RatingJson> latestRatings) {
	}

	record AttendeeJson(long volunteerId, String maskedName, String volunteerNumber, RatingJson rating) {
	}

	record ComplaintBody(Object volunteerNumber, Object complainantKind, Object complainantName, Object shiftId,
			Object summary) {

		Complaints.Draft draft() {
			return new Complaints.Draft(text("volunteerNumber", volunteerNumber), text("complainantKind", complainantKind),
					text("complainantName", complainantName), text("shiftId", shiftId), text("summary", summary));
		}
	}

	record StepBody(Object action, Object reason) {
	}

	record ResponseBody(Object response) {
	}

	record RatingBody(Object volunteerId, Object score, Object remark) {
	}

	static String text(String field, Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof String || value instanceof Number || value instanceof Boolean) {
			return String.valueOf(value);
		}
		throw new InvalidInputException(field, "must be text or a number");
	}

	private final Complaints complaints;

	private final ServiceRatings ratings;

	private final MessageSource messages;

	ComplaintApiController(Complaints complaints, ServiceRatings ratings, MessageSource messages) {
		this.complaints = complaints;
		this.ratings = ratings;
		this.messages = messages;
	}

	@GetMapping("/api/v1/complaints")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	List<ComplaintJson> list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String status) {
		return complaints.in(user.scope(), ComplaintPages.status(status), ComplaintPages.LIST_LIMIT).stream()
			.map(ComplaintJson::of).toList();
	}

	@PostMapping("/api/v1/complaints")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ResponseEntity<ComplaintJson> create(@AuthenticationPrincipal ScopedUser user, @RequestBody ComplaintBody body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(ComplaintJson.of(complaints.receive(body.draft(), user)));
	}

	@GetMapping("/api/v1/complaints/{id}")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ComplaintJson one(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		return ComplaintJson.of(complaints.findForStaff(QueryParameters.id(id), user));
	}

	@PostMapping("/api/v1/complaints/{id}/steps")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ComplaintJson step(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, @RequestBody StepBody body) {
		return ComplaintJson.of(complaints.step(QueryParameters.id(id), text("action", body.action()),
				text("reason", body.reason()), user));
	}

	@GetMapping("/api/v1/me/complaints")
	MineJson mine(@AuthenticationPrincipal ScopedUser me) {
		long volunteer = complaints.ownVolunteerId(me).orElseThrow(RecordNotFound::new);
		ServiceRatings.Summary summary = ratings.of(volunteer, MyComplaintsController.LATEST_RATINGS);
		return new MineJson(complaints.own(volunteer).stream().map(OwnJson::of).toList(), summary.count(),
				summary.average(), summary.latest().stream().map(RatingJson::of).toList());
	}

	@PostMapping("/api/v1/me/complaints/{id}/response")
	OwnJson respond(@AuthenticationPrincipal ScopedUser me, @PathVariable String id, @RequestBody ResponseBody body) {
		return OwnJson.of(complaints.respond(me, QueryParameters.id(id), text("response", body.response())));
	}

	@GetMapping("/api/v1/shifts/{shiftId}/ratings")
	List<AttendeeJson> attendees(@AuthenticationPrincipal ScopedUser user, @PathVariable String shiftId) {
		return ratings.attendees(QueryParameters.id(shiftId), user).stream().map(a -> new AttendeeJson(a.volunteerId(),
				a.maskedName(), a.volunteerNumber(), a.rating() == null ? null : RatingJson.of(a.rating()))).toList();
	}

	@PostMapping("/api/v1/shifts/{shiftId}/ratings")
	ResponseEntity<RatingJson> rate(@AuthenticationPrincipal ScopedUser user, @PathVariable String shiftId,
			@RequestBody RatingBody body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(RatingJson.of(ratings.rate(QueryParameters.id(shiftId),
				text("volunteerId", body.volunteerId()), text("score", body.score()), text("remark", body.remark()), user)));
	}

	@ExceptionHandler(ComplaintRefusedException.class)
	ResponseEntity<ProblemDetail> refused(ComplaintRefusedException ex, Locale locale) {
		HttpStatus status = ex.kind() == ComplaintRefusedException.Kind.CONFLICT ? HttpStatus.CONFLICT
				: HttpStatus.BAD_REQUEST;
		String first = ex.problems().get(0).messageKey();
		return ResponseEntity.status(status).body(ApiProblems.problem(status, messages.getMessage(first, null, first, locale),
				ApiProblems.errors(ex.problems(), FieldProblem::field, FieldProblem::messageKey, messages, locale)));
	}
}
