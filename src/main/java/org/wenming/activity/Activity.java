package org.wenming.activity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * An activity as stored. {@link #status} is the stored step; {@link #statusAt} also follows the
 * clock (a published activity whose first shift has begun is under way, one whose last shift has
 * ended is finished).
 *
 * @param organizerName the organizing team's or practice site's name
 * @param placeName the practice site's name when the place is a site, else null
 * @param listed false for a service shift of the service desk: shown to its team, its leaders and staff in
 *     scope only, never in a public list
 * @param waitlist false when a sign-up after the places are gone is refused rather than waitlisted
 */
public record Activity(long id, String title, String description, ActivityType type, LectureSetting lectureSetting,
		Long lectureTeamId, String lectureTeamName, CampaignTheme campaignTheme, String courseSubject,
		Long organizerTeamId, Long organizerSiteId, String organizerName, Long siteId, String placeName,
		String address, BigDecimal latitude, BigDecimal longitude, String regionCode, String regionName,
		String regionPath, Integer geofenceRadiusM, boolean requiresApproval, ActivityStatus status,
		String cancelReason, Integer audienceCount, String createdBy, OffsetDateTime startsAt, OffsetDateTime endsAt,
		OffsetDateTime publishedAt, OffsetDateTime finishedAt, OffsetDateTime cancelledAt, int version, boolean listed,
		boolean waitlist) {

	/** The status as the clock makes it: published turns under way at the first start, finished at the last end. */
	public ActivityStatus statusAt(OffsetDateTime now) {
		if (status == ActivityStatus.PUBLISHED || status == ActivityStatus.UNDER_WAY) {
			if (endsAt != null && !now.isBefore(endsAt)) {
				return ActivityStatus.FINISHED;
			}
			if (startsAt != null && !now.isBefore(startsAt)) {
				return ActivityStatus.UNDER_WAY;
			}
		}
		return status;
	}

	public boolean isLecture() {
		return type == ActivityType.LECTURE;
	}
}
