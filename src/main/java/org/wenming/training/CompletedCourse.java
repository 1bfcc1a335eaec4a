package org.wenming.training;

/**
 * A course a volunteer completed, as record transfer exchanges it.
 *
 * @param qualification what it grants, or null
 * @param source null when recorded here; the other system's name when it was imported
 */
public record CompletedCourse(String title, String provider, java.math.BigDecimal hours, java.time.LocalDate completedOn,
		String place, boolean certificate, String certificateNumber, Qualification qualification, String source) {
}
