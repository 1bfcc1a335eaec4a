package org.wenming.volunteer.team;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.wenming.region.FieldProblem;

/**
 * What a team draft and a decision's reason must satisfy before anything is stored. Pure: no
 * database, no Spring. Rules that need stored data (the parent exists, is one level up and in scope;
 * the region and the site exist) are checked by {@link Teams}.
 */
public final class TeamRules {

	public static final int NAME_MAX = 100;

	public static final int CONTACT_NAME_MAX = 50;

	public static final int DESCRIPTION_MAX = 2000;

	public static final int REASON_MAX = 200;

	/** Organisation and person names: letters, digits and the punctuation such names use; no markup. */
	private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}\\p{N} ·・()（）\\-—_.,，、\"“”'‘’《》&/]+");

	/**
	 * An organisation's phone: a mainland landline (0758-2281234, extension allowed) or a 400/800
	 * hotline. A mobile number is a person's and is not published as a team's contact.
	 */
	private static final Pattern PHONE = Pattern.compile("0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?|[48]00-?\\d{3}-?\\d{4}");

	private static final Pattern MOBILE = Pattern.compile("\\+?(86)?-?1[3-9]\\d{9}");

	private static final Pattern REGION_CODE = Pattern.compile("\\d{2,12}");

	private TeamRules() {
	}

	/**
	 * The problems of a (trimmed) draft, in field order; empty when it may be stored.
	 *
	 * @param creating whether region and level are part of the draft (fixed once a team exists)
	 */
	public static List<FieldProblem> check(TeamDraft draft, boolean creating) {
		List<FieldProblem> problems = new ArrayList<>();
		if (creating) {
			if (draft.regionCode() == null) {
				problems.add(new FieldProblem("regionCode", "team.error.required"));
			}
			else if (!REGION_CODE.matcher(draft.regionCode()).matches()) {
				problems.add(new FieldProblem("regionCode", "team.error.regionCode"));
			}
			if (draft.level() == null) {
				problems.add(new FieldProblem("level", "team.error.required"));
			}
		}
		name("name", draft.name(), NAME_MAX, true, problems);
		if (draft.type() == null) {
			problems.add(new FieldProblem("type", "team.error.required"));
		}
		name("contactName", draft.contactName(), CONTACT_NAME_MAX, false, problems);
		if (draft.contactPhone() != null) {
			String phone = draft.contactPhone();
			if (MOBILE.matcher(phone).matches()) {
				problems.add(new FieldProblem("contactPhone", "team.error.mobile"));
			}
			else if (!PHONE.matcher(phone).matches()) {
				problems.add(new FieldProblem("contactPhone", "team.error.phone"));
			}
		}
		text("description", draft.description(), DESCRIPTION_MAX, true, problems);
		return problems;
	}

	/** The problems of a reason for a decline or a removal (required, short plain text). */
	public static List<FieldProblem> checkReason(String reason) {
		List<FieldProblem> problems = new ArrayList<>();
		String trimmed = reason == null ? null : reason.strip();
		if (trimmed == null || trimmed.isEmpty()) {
			problems.add(new FieldProblem("reason", "team.error.required"));
		}
		else {
			text("reason", trimmed, REASON_MAX, true, problems);
		}
		return problems;
	}

	private static void name(String field, String value, int max, boolean required, List<FieldProblem> problems) {
		int before = problems.size();
		text(field, value, max, false, problems);
		if (required && value == null) {
			problems.add(new FieldProblem(field, "team.error.required"));
		}
		else if (problems.size() == before && value != null && !NAME.matcher(value).matches()) {
			problems.add(new FieldProblem(field, "team.error.nameCharacters"));
		}
	}

	/** Plain text: bounded, no markup, no control characters and no U+FFFD (what undecodable bytes become). */
	private static void text(String field, String value, int max, boolean multiline, List<FieldProblem> problems) {
		if (value == null) {
			return;
		}
		if (value.codePointCount(0, value.length()) > max) {
			problems.add(new FieldProblem(field, "team.error.tooLong." + max));
		}
		else if (value.codePoints().anyMatch(c -> c == '\uFFFD' || (Character.isISOControl(c)
				&& !(multiline && (c == '\n' || c == '\r' || c == '\t'))))) {
			problems.add(new FieldProblem(field, "team.error.characters"));
		}
		else if (value.indexOf('<') >= 0 || value.indexOf('>') >= 0) {
			problems.add(new FieldProblem(field, "team.error.markup"));
		}
	}
}
