package org.wenming.activity;

import java.math.BigDecimal;
import java.util.List;

/**
 * An activity as an organizer entered it. Exactly one of organizer team and organizer site; the
 * place is a practice site, or an address with an optional position, or nothing for an online lecture.
 */
public record ActivityDraft(String title, String description, ActivityType type, LectureSetting lectureSetting,
		Long lectureTeamId, CampaignTheme campaignTheme, String courseSubject, Long organizerTeamId,
		Long organizerSiteId, Long siteId, String address, String regionCode, BigDecimal latitude,
		BigDecimal longitude, Integer geofenceRadiusM, boolean requiresApproval, List<ShiftDraft> shifts) {

	public ActivityDraft {
		shifts = shifts == null ? List.of() : List.copyOf(shifts);
	}

	/** Blank text as null, the rest stripped. */
	public ActivityDraft trimmed() {
		return new ActivityDraft(strip(title), description == null ? "" : description.strip(), type, lectureSetting,
				lectureTeamId, campaignTheme, strip(courseSubject), organizerTeamId, organizerSiteId, siteId,
				strip(address), strip(regionCode), latitude, longitude, geofenceRadiusM, requiresApproval, shifts);
	}

	private static String strip(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
