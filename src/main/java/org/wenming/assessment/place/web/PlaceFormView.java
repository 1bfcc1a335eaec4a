package org.wenming.assessment.place.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wenming.assessment.PlaceType;
import org.wenming.assessment.place.Place;
import org.wenming.assessment.place.PlaceProblem;
import org.wenming.region.RegionChoice;

/**
 * The add or edit page of a place.
 *
 * @param place the place being edited, null when adding
 * @param region the picker of the village or community, inside the person's scope
 */
public record PlaceFormView(Place place, PlaceForm form, Map<String, String> errors, RegionChoice region,
		boolean saved) {

	static PlaceFormView of(Place place, PlaceForm form, List<PlaceProblem> problems, RegionChoice region,
			boolean saved) {
		Map<String, String> errors = new LinkedHashMap<>();
		problems.forEach(p -> errors.putIfAbsent(p.field(), p.messageKey()));
		return new PlaceFormView(place, form, errors, region, saved);
	}

	public boolean creating() {
		return place == null;
	}

	public String action() {
		return creating() ? "/admin/assessment/places/new" : "/admin/assessment/places/" + place.id() + "/edit";
	}

	public List<PlaceType> types() {
		return List.of(PlaceType.values());
	}

	public boolean hasError(String field) {
		return errors.containsKey(field);
	}

	public String error(String field) {
		return errors.get(field);
	}

	public String describedBy(String field, String hintId) {
		return hasError(field) ? field + "-error" : hintId;
	}
}
