package org.wenming.assessment.place.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.wenming.assessment.PlaceType;
import org.wenming.assessment.place.Place;
import org.wenming.assessment.place.PlaceDraft;
import org.wenming.assessment.place.PlaceProblem;

/** The place form as submitted, every value a string so whatever was typed is shown again with its error. */
public record PlaceForm(String type, String name, String address, String regionCode, String latitude,
		String longitude) {

	static PlaceForm empty() {
		return new PlaceForm("", "", "", "", "", "");
	}

	static PlaceForm of(Place p) {
		return new PlaceForm(p.type().name(), p.name(), p.address(), p.regionCode(),
				p.latitude() == null ? "" : p.latitude().toPlainString(),
				p.longitude() == null ? "" : p.longitude().toPlainString());
	}

	/** The draft, with problems for values of the wrong type. */
	PlaceDraft draft(List<PlaceProblem> problems) {
		return new PlaceDraft(type(type, problems), name, address, regionCode, decimal("latitude", latitude, problems),
				decimal("longitude", longitude, problems));
	}

	static PlaceType type(String value, List<PlaceProblem> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return PlaceType.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			problems.add(new PlaceProblem("type", "assessment.place.error.type"));
			return null;
		}
	}

	static BigDecimal decimal(String field, String value, List<PlaceProblem> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (!value.strip().matches("-?\\d{1,3}(\\.\\d{1,6})?")) {
			problems.add(new PlaceProblem(field, "assessment.place.error.number"));
			return null;
		}
		return new BigDecimal(value.strip());
	}

	public String value(String text) {
		return text == null ? "" : text;
	}
}
