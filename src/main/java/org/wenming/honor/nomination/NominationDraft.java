package org.wenming.honor.nomination;

/**
 * What the nomination form sends (提名表): the nominee (a person with an ID number, or a group), where and
 * when the deed happened, a one-line title and the story, and the nominator. Text as entered; the rules are
 * {@link Nominations#submit}'s.
 *
 * @param category an {@link org.wenming.honor.HonorCategory} name
 * @param kind {@code PERSON} or {@code GROUP}
 * @param nomineeIdNumber a person's 18-character resident ID number (sealed when stored, shown masked)
 * @param nomineeMobile optional; where the consent request goes (sealed)
 * @param regionCode a village, community, town or county of the city, or the city
 * @param deedDate {@code yyyy-MM-dd}, optional, not in the future
 * @param nominatorKind {@code PUBLIC}, {@code UNIT} (staff entering a unit's nomination) or {@code SELF}
 * @param nominatorMobile required (sealed): the follow link goes there
 */
public record NominationDraft(String category, String kind, String nomineeName, String nomineeIdNumber,
		String nomineeMobile, String regionCode, String deedDate, String title, String story, String nominatorKind,
		String nominatorName, String nominatorUnit, String nominatorMobile) {

	NominationDraft trimmed() {
		return new NominationDraft(blank(category), blank(kind), blank(nomineeName), blank(nomineeIdNumber),
				blank(nomineeMobile), blank(regionCode), blank(deedDate), blank(title), story == null || story.isBlank()
						? null : story.strip(), blank(nominatorKind), blank(nominatorName), blank(nominatorUnit),
				blank(nominatorMobile));
	}

	private static String blank(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	/** No ID or mobile number in a log line by accident. */
	@Override
	public String toString() {
		return "NominationDraft[category=" + category + ", kind=" + kind + ", regionCode=" + regionCode + "]";
	}
}
