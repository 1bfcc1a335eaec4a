package org.wenming.region;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a site draft must satisfy before anything is stored. Pure: no database, no Spring; the
 * region-dependent rules (the region exists, lies in scope, fits the kind) are checked by
 * {@link PracticeSites}.
 */
public final class SiteRules {

	public static final int NAME_MAX = 100;

	public static final int ADDRESS_MAX = 200;

	public static final int HOURS_MAX = 100;

	public static final int CONTACT_NAME_MAX = 50;

	public static final int DESCRIPTION_MAX = 2000;

	/** Organisation and person names: letters, digits and the punctuation such names use; no ';' or markup. */
	private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}\\p{N} ·・()（）\\-—－_.,，、\"“”'‘’《》&/]+");

	/** Mainland landline (0758-2281234, extension allowed), mobile (13812345678) or a 400 hotline. */
	private static final Pattern PHONE = Pattern
			.compile("0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?|1[3-9]\\d{9}|400-?\\d{3}-?\\d{4}");

	private static final Pattern REGION_CODE = Pattern.compile("\\d{2,12}");

	// A rough box around China (incl. the South China Sea islands): catches swapped or mistyped coordinates.
	private static final BigDecimal LAT_MIN = new BigDecimal("3.5");

	private static final BigDecimal LAT_MAX = new BigDecimal("54");

	private static final BigDecimal LON_MIN = new BigDecimal("73");

	private static final BigDecimal LON_MAX = new BigDecimal("136");

	private SiteRules() {
	}

	/**
	 * The problems of a (trimmed) draft, in field order; empty when it may be stored.
	 *
	 * @param creating whether region and kind are part of the draft (they are fixed once a site exists)
	 */
	public static List<FieldProblem> check(SiteDraft draft, boolean creating) {
		List<FieldProblem> problems = new ArrayList<>();
		if (creating) {
			if (draft.regionCode() == null) {
				problems.add(new FieldProblem("regionCode", "site.error.required"));
			}
			else if (!REGION_CODE.matcher(draft.regionCode()).matches()) {
				problems.add(new FieldProblem("regionCode", "site.error.regionCode"));
			}
			if (draft.kind() == null) {
				problems.add(new FieldProblem("kind", "site.error.required"));
			}
		}
		name("name", draft.name(), NAME_MAX, true, problems);
		text("address", draft.address(), ADDRESS_MAX, false, problems);
		text("openingHours", draft.openingHours(), HOURS_MAX, false, problems);
		name("contactName", draft.contactName(), CONTACT_NAME_MAX, false, problems);
		if (draft.contactPhone() != null && !PHONE.matcher(draft.contactPhone()).matches()) {
			problems.add(new FieldProblem("contactPhone", "site.error.phone"));
		}
		coordinate("latitude", draft.latitude(), new BigDecimal("-90"), new BigDecimal("90"), LAT_MIN, LAT_MAX,
				problems);
		coordinate("longitude", draft.longitude(), new BigDecimal("-180"), new BigDecimal("180"), LON_MIN, LON_MAX,
				problems);
		if ((draft.latitude() == null) != (draft.longitude() == null)) {
			problems.add(new FieldProblem(draft.latitude() == null ? "latitude" : "longitude", "site.error.coordinatePair"));
		}
		text("description", draft.description(), DESCRIPTION_MAX, true, problems);
		return problems;
	}

	private static void name(String field, String value, int max, boolean required, List<FieldProblem> problems) {
		int before = problems.size();
		text(field, value, max, false, problems);
		if (required && value == null) {
			problems.add(new FieldProblem(field, "site.error.required"));
		}
		else if (problems.size() == before && value != null && !NAME.matcher(value).matches()) {
			problems.add(new FieldProblem(field, "site.error.nameCharacters"));
		}
	}

	/** Plain text: bounded, no markup, no control characters and no U+FFFD (what undecodable bytes become). */
	private static void text(String field, String value, int max, boolean multiline, List<FieldProblem> problems) {
		if (value == null) {
			return;
		}
		if (value.codePointCount(0, value.length()) > max) {
			problems.add(new FieldProblem(field, "site.error.tooLong." + max));
		}
		else if (value.codePoints().anyMatch(c -> c == '\uFFFD' || (Character.isISOControl(c)
				&& !(multiline && (c == '\n' || c == '\r' || c == '\t'))))) {
			problems.add(new FieldProblem(field, "site.error.characters"));
		}
		else if (value.indexOf('<') >= 0 || value.indexOf('>') >= 0) {
			problems.add(new FieldProblem(field, "site.error.markup"));
		}
	}

	private static void coordinate(String field, BigDecimal value, BigDecimal min, BigDecimal max, BigDecimal chinaMin,
			BigDecimal chinaMax, List<FieldProblem> problems) {
		if (value == null) {
			return;
		}
		if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
			problems.add(new FieldProblem(field, "site.error." + field));
		}
		else if (value.compareTo(chinaMin) < 0 || value.compareTo(chinaMax) > 0) {
			problems.add(new FieldProblem(field, "site.error.outsideChina"));
		}
	}
}
