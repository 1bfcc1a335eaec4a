package org.wenming.assessment.place;

import org.wenming.assessment.PlaceType;
import org.wenming.region.Region;

/**
 * A filter of the registry: under a region (city, county, town or village), of a type, whose name or
 * address holds the text, active ones only or all.
 */
public record PlaceQuery(Region region, PlaceType type, String text, boolean includeInactive, int page, int size) {
}
