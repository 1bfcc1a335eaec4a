package org.wenming.training;

import java.time.LocalDate;

/** A volunteer on a course, as staff see it: the name masked, the unified number. */
public record Enrolment(long id, long courseId, long volunteerId, String maskedName, String volunteerNumber,
		EnrolmentStatus status, LocalDate completedOn, String certificateNumber) {
}
