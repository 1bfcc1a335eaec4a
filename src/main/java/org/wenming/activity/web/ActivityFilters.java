package org.wenming.activity.web;

import java.time.LocalDate;

import org.wenming.activity.ActivityQuery;
import org.wenming.activity.ActivityType;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.region.Region;
import org.wenming.region.Regions;

/** The list's filters, read and checked (a refusal names the parameter). */
public record ActivityFilters(Region region, LocalDate from, LocalDate to, ActivityType type, Double lat, Double lng,
		Double radius, int page, int size) {

	public static ActivityFilters read(String region, String from, String to, String type, String lat, String lng, String radius,
			String page, int size, Regions regions, Region home) {
		String code = QueryParameters.regionCode("region", region);
		Region start = code == null ? home
				: regions.find(code).orElseThrow(() -> new InvalidInputException("region", "is not a known region"));
		LocalDate fromDate = Inputs.dateParameter("from", from);
		LocalDate toDate = Inputs.dateParameter("to", to);
		if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
			throw new InvalidInputException("to", "must not be before from");
		}
		Double latitude = Inputs.decimalParameter("lat", lat, -90, 90);
		Double longitude = Inputs.decimalParameter("lng", lng, -180, 180);
		Double km = Inputs.decimalParameter("radius", radius, 0.1, 200);
		if ((latitude == null) != (longitude == null)) {
			throw new InvalidInputException(latitude == null ? "lat" : "lng", "latitude and longitude go together");
		}
		if (latitude != null && km == null) {
			km = 5.0;
		}
		return new ActivityFilters(start, fromDate, toDate, Inputs.typeParameter(type), latitude, longitude,
				latitude == null ? null : km, Paging.page(page), size);
	}

	public ActivityQuery query() {
		return new ActivityQuery(region.path(), from, to, type, lat, lng, radius, page, size);
	}
}
