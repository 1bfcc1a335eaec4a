package org.wenming.commendation;

import java.time.LocalDate;

/**
 * One commendation in a record: one recorded by staff ({@code honour} null), or a published good person of
 * the honours' roll linked to the volunteer ({@code honour} the roll's honour code, e.g. {@code CITY_GOOD};
 * {@code id} the roll entry's, no document, no issuer recorded here).
 *
 * @param subjectKind VOLUNTEER or TEAM
 * @param subjectName the volunteer's or team's name (a volunteer's only for staff and the volunteer)
 */
public record Commendation(long id, String subjectKind, long subjectId, String subjectName, String title,
		String issuer, CommendationLevel level, LocalDate awardedOn, boolean hasDocument, String honour,
		String regionPath) {

	public boolean fromHonours() {
		return honour != null;
	}
}
