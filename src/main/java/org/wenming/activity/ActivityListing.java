package org.wenming.activity;

import java.time.OffsetDateTime;

/** An activity in a list: enough to choose it, with its distance when the list was "near me". */
public record ActivityListing(long id, String title, ActivityType type, ActivityStatus status, String organizerName,
		String placeName, String regionName, OffsetDateTime startsAt, OffsetDateTime endsAt, int placesLeft,
		Double distanceKm) {
}
