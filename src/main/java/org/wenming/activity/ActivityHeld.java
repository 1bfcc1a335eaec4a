package org.wenming.activity;

import java.time.OffsetDateTime;

/**
 * An activity was held: its organizer marked it finished (a lecture with its audience, 听众人次,
 * entered at that moment). Published in the finishing transaction, for the dashboards' counters.
 *
 * @param lectureSetting the "六进" setting of a lecture, otherwise null
 * @param lectureTeamId the lecture team (宣讲队), if any
 * @param audienceCount a lecture's attendances, otherwise null
 * @param organizerSiteId the practice site that organized it, when a site did (else a team did)
 */
public record ActivityHeld(long activityId, ActivityType type, LectureSetting lectureSetting, Long lectureTeamId,
		String regionPath, OffsetDateTime startsAt, Integer audienceCount, Long organizerSiteId) {
}
