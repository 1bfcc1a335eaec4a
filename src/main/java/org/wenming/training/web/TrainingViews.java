package org.wenming.training.web;

import java.util.List;

import org.wenming.platform.FormErrors;
import org.wenming.platform.FormValues;
import org.wenming.region.Region;
import org.wenming.training.Course;
import org.wenming.training.Enrolment;
import org.wenming.training.EnrolmentStatus;
import org.wenming.training.Qualification;
import org.wenming.training.Trainings;
import org.wenming.training.internal.TrainingImports;

/** What the training pages show. */
public final class TrainingViews {

	private TrainingViews() {
	}

	/** Hours as people write them: 8, 2.5 (never 8.0). */
	public static String hours(java.math.BigDecimal hours) {
		return hours == null ? "" : hours.stripTrailingZeros().toPlainString();
	}

	/** Staff's list of the courses in their scope. */
	public record StaffList(List<Course> courses, String done) {
	}

	/** Staff's form for a new course ({@code courseId} null) or for changing one. */
	public record CourseForm(Long courseId, FormValues form, List<Qualification> qualifications, List<Region> regions,
			String today) {

		public String action() {
			return courseId == null ? "/admin/training/new" : "/admin/training/" + courseId + "/edit";
		}
	}

	/** One course for staff: its volunteers and the form recording one. */
	public record CourseDetail(Course course, List<Enrolment> enrolments, FormValues form,
			List<EnrolmentStatus> statuses, String done, String today, FormErrors stepErrors) {

		/** A course nobody completed may be cancelled (the service refuses the others with 409 anyway). */
		public boolean cancellable() {
			return !course.cancelled() && enrolments.stream().noneMatch(e -> e.status() == EnrolmentStatus.COMPLETED);
		}
	}

	/** The sheet import: the form, and after an upload what it did or every refused row. */
	public record Import(TrainingImports.Result result, int maxMegabytes, int maxRows) {
	}

	/** The volunteer's training ({@code registered} false: not a volunteer). */
	public record Mine(boolean registered, Trainings.Mine mine, String done, String today) {
	}
}
