package org.wenming.assessment.place;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The rules a place must meet, checked the same way for the form, the API and each import row. */
public final class PlaceRules {

	public static final int NAME_MAX = 100;

	public static final int ADDRESS_MAX = 200;

	private static final BigDecimal LAT = BigDecimal.valueOf(90);

	private static final BigDecimal LON = BigDecimal.valueOf(180);

	private PlaceRules() {
	}

	/** Every problem of a trimmed draft (the region's existence and scope are checked by {@link Places}). */
	public static List<PlaceProblem> check(PlaceDraft draft) {
		List<PlaceProblem> problems = new ArrayList<>();
		if (draft.type() == null) {
			problems.add(new PlaceProblem("type", "assessment.place.error.type"));
		}
		text(problems, "name", draft.name(), NAME_MAX, true);
		text(problems, "address", draft.address(), ADDRESS_MAX, false);
		if (draft.regionCode() == null) {
			problems.add(new PlaceProblem("regionCode", "assessment.place.error.required"));
		}
		else if (!draft.regionCode().matches("\\d{12}")) {
			problems.add(new PlaceProblem("regionCode", "assessment.place.error.village"));
		}
		if ((draft.latitude() == null) != (draft.longitude() == null)) {
			problems.add(new PlaceProblem(draft.latitude() == null ? "latitude" : "longitude",
					"assessment.place.error.bothCoordinates"));
		}
		if (draft.latitude() != null && (draft.latitude().abs().compareTo(LAT) > 0 || draft.latitude().scale() > 6)) {
			problems.add(new PlaceProblem("latitude", "assessment.place.error.latitude"));
		}
		if (draft.longitude() != null && (draft.longitude().abs().compareTo(LON) > 0 || draft.longitude().scale() > 6)) {
			problems.add(new PlaceProblem("longitude", "assessment.place.error.longitude"));
		}
		return problems;
	}

	private static void text(List<PlaceProblem> problems, String field, String value, int max, boolean required) {
		if (value == null) {
			if (required) {
				problems.add(new PlaceProblem(field, "assessment.place.error.required"));
			}
			return;
		}
		if (value.codePointCount(0, value.length()) > max) {
			problems.add(new PlaceProblem(field, "assessment.place.error.tooLong"));
		}
		else if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '\uFFFD' || c == '<' || c == '>')) {
			problems.add(new PlaceProblem(field, "assessment.place.error.characters"));
		}
	}
}
