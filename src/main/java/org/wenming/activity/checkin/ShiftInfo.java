package org.wenming.activity.checkin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

import org.wenming.activity.ActivityType;
import org.wenming.shared.CityTime;

/**
 * A shift with what check-in needs of its activity: when, where (the geofence centre is the
 * activity's coordinates, else its site's), who organizes it and whether attendance is confirmed.
 */
public record ShiftInfo(long shiftId, long activityId, String title, ActivityType type, String status,
		Instant startsAt, Instant endsAt, Instant confirmedAt, String confirmedBy, String regionPath,
		Long organizerTeamId, Long organizerSiteId, String organizerName, String organizerPath, Integer geofenceRadius,
		Double latitude, Double longitude, String place) {

	public ZonedDateTime start() {
		return startsAt.atZone(CityTime.ZONE);
	}

	public ZonedDateTime end() {
		return endsAt.atZone(CityTime.ZONE);
	}

	public ZonedDateTime confirmed() {
		return confirmedAt == null ? null : confirmedAt.atZone(CityTime.ZONE);
	}

	Duration length() {
		return Duration.between(startsAt, endsAt);
	}

	/** Volunteers may check in: the activity is published or under way. */
	boolean open() {
		return "PUBLISHED".equals(status) || "UNDER_WAY".equals(status);
	}

	boolean geofenced() {
		return geofenceRadius != null && latitude != null && longitude != null;
	}

	boolean ended(Instant now) {
		return !now.isBefore(endsAt);
	}
}
