package org.wenming.training.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.FormErrors;
import org.wenming.platform.FormValues;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.ScopedUser;
import org.wenming.training.Course;
import org.wenming.training.EnrolmentStatus;
import org.wenming.training.Qualification;
import org.wenming.training.TrainingRefusedException;
import org.wenming.training.Trainings;
import org.wenming.training.internal.TrainingImports;

/**
 * The offices' pages for training ({@code /admin/training}): the courses of their scope, a course's form, one
 * course with its volunteers and the form recording an enrolment or completion, and the sheet import with its
 * row-numbered errors. Another scope's course: not found (and a security event); other roles 403.
 */
@Controller
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
class TrainingPages extends PageController {

	static final int LIST_LIMIT = 500;

	static final int ENROLMENT_LIMIT = 2000;

	private final Trainings trainings;

	private final TrainingImports imports;

	private final Regions regions;

	TrainingPages(Trainings trainings, TrainingImports imports, Regions regions) {
		this.trainings = trainings;
		this.imports = imports;
		this.regions = regions;
	}

	@GetMapping("/admin/training")
	ModelAndView list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String done) {
		return new ModelAndView("training/list", Map.of("view",
				new TrainingViews.StaffList(trainings.coursesIn(user.scope(), LIST_LIMIT), known(done))));
	}

	@GetMapping("/admin/training/new")
	ModelAndView newForm(@AuthenticationPrincipal ScopedUser user) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("regionCode", user.scope().isEverything() ? "" : user.scope().regionCode());
		values.put("certificate", "true");
		return form(user, null, new FormValues(values, FormErrors.NONE), HttpStatus.OK);
	}

	@PostMapping("/admin/training/new")
	ModelAndView create(@AuthenticationPrincipal ScopedUser user, CourseInput input) {
		try {
			Course course = trainings.createCourse(input.draft(), user);
			return new ModelAndView("redirect:/admin/training/" + course.id() + "?done=saved");
		}
		catch (TrainingRefusedException ex) {
			return form(user, null, new FormValues(input.values(), errors(ex)), HttpStatus.BAD_REQUEST);
		}
	}

	@GetMapping("/admin/training/{id}")
	ModelAndView course(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String done) {
		long courseId = QueryParameters.id(id);
		return detail(user, trainings.courseForStaff(courseId, user), entryValues(null), known(done), FormErrors.NONE,
				HttpStatus.OK);
	}

	@GetMapping("/admin/training/{id}/edit")
	ModelAndView editForm(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		Course c = trainings.courseForStaff(QueryParameters.id(id), user);
		Map<String, String> values = new LinkedHashMap<>();
		values.put("title", c.title());
		values.put("provider", c.provider());
		values.put("hours", c.hours().toPlainString());
		values.put("startsOn", c.startsOn().toString());
		values.put("endsOn", c.endsOn() == null ? "" : c.endsOn().toString());
		values.put("place", c.place());
		values.put("certificate", String.valueOf(c.certificate()));
		values.put("regionCode", c.regionCode());
		values.put("qualification", c.qualification() == null ? "" : c.qualification().name());
		values.put("validityMonths", c.validityMonths() == null ? "" : String.valueOf(c.validityMonths()));
		return form(user, c.id(), new FormValues(values, FormErrors.NONE), HttpStatus.OK);
	}

	@PostMapping("/admin/training/{id}/edit")
	ModelAndView edit(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, CourseInput input) {
		long courseId = QueryParameters.id(id);
		try {
			trainings.updateCourse(courseId, input.draft(), user);
			return new ModelAndView("redirect:/admin/training/" + courseId + "?done=saved");
		}
		catch (TrainingRefusedException ex) {
			return form(user, courseId, new FormValues(input.values(), errors(ex)),
					ex.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
		}
	}

	@PostMapping("/admin/training/{id}/cancel")
	ModelAndView cancel(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		long courseId = QueryParameters.id(id);
		try {
			trainings.cancelCourse(courseId, user);
			return new ModelAndView("redirect:/admin/training/" + courseId + "?done=cancelled");
		}
		catch (TrainingRefusedException ex) {
			return detail(user, trainings.courseForStaff(courseId, user), entryValues(null), null, errors(ex),
					HttpStatus.CONFLICT);
		}
	}

	@PostMapping("/admin/training/{id}/enrolments")
	ModelAndView record(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, EntryInput input) {
		long courseId = QueryParameters.id(id);
		Course course = trainings.courseForStaff(courseId, user);
		try {
			trainings.record(courseId, input.draft(), user);
			return new ModelAndView("redirect:/admin/training/" + courseId + "?done=recorded");
		}
		catch (TrainingRefusedException ex) {
			return detail(user, course, new FormValues(input.values(), errors(ex)), null, FormErrors.NONE,
					HttpStatus.BAD_REQUEST);
		}
	}

	@GetMapping("/admin/training/import")
	ModelAndView importForm() {
		return importPage(null, HttpStatus.OK);
	}

	@PostMapping("/admin/training/import")
	ModelAndView importSheet(@AuthenticationPrincipal ScopedUser user,
			@RequestParam(required = false) MultipartFile file) {
		TrainingImports.Result result = imports.importSheet(bytes(file), user);
		return importPage(result, result.refused() ? HttpStatus.BAD_REQUEST : HttpStatus.OK);
	}

	private ModelAndView importPage(TrainingImports.Result result, HttpStatus status) {
		ModelAndView page = new ModelAndView("training/import", Map.of("view", new TrainingViews.Import(result,
				TrainingImports.MAX_BYTES / (1024 * 1024), TrainingImports.MAX_ROWS)));
		page.setStatus(status);
		return page;
	}

	private ModelAndView form(ScopedUser user, Long courseId, FormValues form, HttpStatus status) {
		List<Region> choices = regions.within(user.scope()).stream().filter(r -> r.level().depth() <= 3).toList();
		ModelAndView page = new ModelAndView("training/form", Map.of("view", new TrainingViews.CourseForm(courseId, form,
				List.of(Qualification.values()), choices, Trainings.today().toString())));
		page.setStatus(status);
		return page;
	}

	private ModelAndView detail(ScopedUser user, Course course, FormValues form, String done, FormErrors stepErrors,
			HttpStatus status) {
		ModelAndView page = new ModelAndView("training/course", Map.of("view", new TrainingViews.CourseDetail(course,
				trainings.enrolments(course.id(), user, ENROLMENT_LIMIT), form, List.of(EnrolmentStatus.values()), done,
				Trainings.today().format(DateTimeFormatter.ISO_LOCAL_DATE), stepErrors)));
		page.setStatus(status);
		return page;
	}

	private static FormValues entryValues(String volunteerNumber) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("volunteerNumber", volunteerNumber == null ? "" : volunteerNumber);
		values.put("status", "COMPLETED");
		values.put("completedOn", Trainings.today().toString());
		return new FormValues(values, FormErrors.NONE);
	}

	static FormErrors errors(TrainingRefusedException ex) {
		FormErrors errors = FormErrors.none();
		ex.problems().forEach(p -> errors.add(p.field(), p.messageKey()));
		return errors;
	}

	/** Only the few "done" words the pages know are shown back. */
	private static String known(String done) {
		return done != null && List.of("saved", "cancelled", "recorded", "enrolled").contains(done) ? done : null;
	}

	private static byte[] bytes(MultipartFile file) {
		if (file == null || file.isEmpty()) {
			return null;
		}
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The course form's fields. */
	record CourseInput(String title, String provider, String hours, String startsOn, String endsOn, String place,
			String certificate, String regionCode, String qualification, String validityMonths) {

		Trainings.CourseDraft draft() {
			return new Trainings.CourseDraft(title, provider, hours, startsOn, endsOn, place,
					certificate == null ? "false" : certificate, regionCode, qualification, validityMonths);
		}

		Map<String, String> values() {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("title", title);
			values.put("provider", provider);
			values.put("hours", hours);
			values.put("startsOn", startsOn);
			values.put("endsOn", endsOn);
			values.put("place", place);
			values.put("certificate", certificate);
			values.put("regionCode", regionCode);
			values.put("qualification", qualification);
			values.put("validityMonths", validityMonths);
			return values;
		}
	}

	/** The enrolment form's fields. */
	record EntryInput(String volunteerNumber, String status, String completedOn, String certificateNumber) {

		Trainings.EntryDraft draft() {
			return new Trainings.EntryDraft(volunteerNumber, status, completedOn, certificateNumber);
		}

		Map<String, String> values() {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("volunteerNumber", volunteerNumber);
			values.put("status", status);
			values.put("completedOn", completedOn);
			values.put("certificateNumber", certificateNumber);
			return values;
		}
	}
}
