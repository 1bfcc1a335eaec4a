package org.wenming.honor.brand;

/**
 * An award (荣誉) of exactly one subject: a brand project, a team, a practice site or a volunteer.
 *
 * @param subjectKind PROJECT, TEAM, SITE or VOLUNTEER
 * @param subjectName the subject's name (a volunteer's only for staff)
 * @param hasDocument whether the award's document (a PDF) is kept
 */
public record Award(long id, String subjectKind, long subjectId, String subjectName, String title, String issuer,
		AwardLevel level, int year, boolean hasDocument, String regionPath) {
}
