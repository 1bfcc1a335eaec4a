package org.wenming.complaint;

import java.time.OffsetDateTime;

/** An organizer's rating of a volunteer's service on one shift: 1–5 and a short remark. */
public record ServiceRating(long id, long shiftId, long volunteerId, int score, String remark, String ratedBy,
		OffsetDateTime ratedAt) {
}
