package org.wenming.training.web;

import java.math.BigDecimal;
import java.time.LocalDate;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.FieldProblem;
import org.wenming.shared.ScopedUser;
import org.wenming.training.CompletedCourse;
import org.wenming.training.Course;
import org.wenming.training.Enrolment;
import org.wenming.training.HeldQualification;
import org.wenming.training.TrainingRefusedException;
import org.wenming.training.Trainings;

/**
 * Training as JSON: the offices keep the courses of their scope and record enrolments and completions (other
 * roles 403; another scope's course 404; a volunteer outside the scope refused naming the field, nothing stored);
 * a volunteer reads their own training and enrols in an upcoming course of their region (twice: one row).
 */
@RestController
class TrainingApiController {

	record CourseJson(long id, String title, String provider, BigDecimal hours, LocalDate startsOn, LocalDate endsOn,
			String place, boolean certificate, String qualification, Integer validityMonths, String status,
			String regionCode, int enrolled) {

		static CourseJson of(Course c) {
			return new CourseJson(c.id(), c.title(), c.provider(), c.hours(), c.startsOn(), c.endsOn(), c.place(),
					c.certificate(), c.qualification() == null ? null : c.qualification().name(), c.validityMonths(),
					c.cancelled() ? "CANCELLED" : "OPEN", c.regionCode(), c.enrolled());
		}
	}

	record EnrolmentJson(long id, long courseId, String name, String volunteerNumber, String status,
			LocalDate completedOn, String certificateNumber) {

		static EnrolmentJson of(Enrolment e) {
			return new EnrolmentJson(e.id(), e.courseId(), e.maskedName(), e.volunteerNumber(), e.status().name(),
					e.completedOn(), e.certificateNumber());
		}
	}

	record CompletedJson(String title, String provider, BigDecimal hours, LocalDate completedOn, String place,
			boolean certificate, String certificateNumber, String qualification, String source) {

		static CompletedJson of(CompletedCourse c) {
			return new CompletedJson(c.title(), c.provider(), c.hours(), c.completedOn(), c.place(), c.certificate(),
					c.certificateNumber(), c.qualification() == null ? null : c.qualification().name(), c.source());
		}
	}

	record HeldJson(String qualification, LocalDate validUntil, boolean valid) {

		static HeldJson of(HeldQualification h) {
			return new HeldJson(h.qualification().name(), h.validUntil(), h.validOn(Trainings.today()));
		}
	}

	record UpcomingJson(CourseJson course, boolean enrolled) {
	}

	record MineJson(List<CompletedJson> completed, BigDecimal hours, List<HeldJson> qualifications,
			List<UpcomingJson> upcoming) {
	}

	/** A course as sent: text, numbers or booleans (checked by the service, naming the field). */
	record CourseBody(Object title, Object provider, Object hours, Object startsOn, Object endsOn, Object place,
			Object certificate, Object regionCode, Object qualification, Object validityMonths) {

		Trainings.CourseDraft draft() {
			return new Trainings.CourseDraft(text("title", title), text("provider", provider), text("hours", hours),
					text("startsOn", startsOn), text("endsOn", endsOn), text("place", place),
					text("certificate", certificate), text("regionCode", regionCode),
					text("qualification", qualification), text("validityMonths", validityMonths));
		}
	}

	record EntryBody(Object volunteerNumber, Object status, Object completedOn, Object certificateNumber) {

		Trainings.EntryDraft draft() {
			return new Trainings.EntryDraft(text("volunteerNumber", volunteerNumber), text("status", status),
					text("completedOn", completedOn), text("certificateNumber", certificateNumber));
		}
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

	private final Trainings trainings;

	private final MessageSource messages;

	TrainingApiController(Trainings trainings, MessageSource messages) {
		this.trainings = trainings;
		this.messages = messages;
	}

	@GetMapping("/api/v1/training/courses")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	List<CourseJson> list(@AuthenticationPrincipal ScopedUser user) {
		return trainings.coursesIn(user.scope(), TrainingPages.LIST_LIMIT).stream().map(CourseJson::of).toList();
	}

	@PostMapping("/api/v1/training/courses")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ResponseEntity<CourseJson> create(@AuthenticationPrincipal ScopedUser user, @RequestBody CourseBody body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(CourseJson.of(trainings.createCourse(body.draft(), user)));
	}

	@GetMapping("/api/v1/training/courses/{id}")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	CourseJson course(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		return CourseJson.of(trainings.courseForStaff(QueryParameters.id(id), user));
	}

	@PutMapping("/api/v1/training/courses/{id}")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	CourseJson update(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, @RequestBody CourseBody body) {
		return CourseJson.of(trainings.updateCourse(QueryParameters.id(id), body.draft(), user));
	}

	@PostMapping("/api/v1/training/courses/{id}/cancel")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	CourseJson cancel(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		return CourseJson.of(trainings.cancelCourse(QueryParameters.id(id), user));
	}

	@GetMapping("/api/v1/training/courses/{id}/enrolments")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	List<EnrolmentJson> enrolments(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		return trainings.enrolments(QueryParameters.id(id), user, TrainingPages.ENROLMENT_LIMIT).stream()
			.map(EnrolmentJson::of).toList();
	}

	@PostMapping("/api/v1/training/courses/{id}/enrolments")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	EnrolmentJson record(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, @RequestBody EntryBody body) {
		return EnrolmentJson.of(trainings.record(QueryParameters.id(id), body.draft(), user));
	}

	@GetMapping("/api/v1/me/training")
	MineJson mine(@AuthenticationPrincipal ScopedUser me) {
		Trainings.Mine mine = trainings.mine(me).orElseThrow(RecordNotFound::new);
		return new MineJson(mine.completed().stream().map(CompletedJson::of).toList(), mine.hours(),
				mine.held().stream().map(HeldJson::of).toList(),
				mine.upcoming().stream().map(u -> new UpcomingJson(CourseJson.of(u.course()), u.enrolled())).toList());
	}

	@PostMapping("/api/v1/me/training/courses/{id}/enrolment")
	ResponseEntity<EnrolmentJson> enrol(@AuthenticationPrincipal ScopedUser me, @PathVariable String id) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(EnrolmentJson.of(trainings.enrolSelf(QueryParameters.id(id), me)));
	}

	@ExceptionHandler(TrainingRefusedException.class)
	ResponseEntity<ProblemDetail> refused(TrainingRefusedException ex, Locale locale) {
		HttpStatus status = ex.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
		String first = ex.problems().get(0).messageKey();
		return ResponseEntity.status(status).body(ApiProblems.problem(status, messages.getMessage(first, null, first, locale),
				ApiProblems.errors(ex.problems(), FieldProblem::field, FieldProblem::messageKey, messages, locale)));
	}
}
