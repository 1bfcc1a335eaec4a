package org.wenming.complaint;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A complaint as staff in scope see it: with the complainant (never shown to the volunteer: they get
 * {@link OwnComplaint}) and every step.
 *
 * @param complainantKind RESIDENT or ORGANIZER
 * @param volunteerName the volunteer's name, masked (张*三)
 */
public record Complaint(long id, long volunteerId, String volunteerName, String volunteerNumber,
		String complainantKind, String complainantName, Long shiftId, String summary, ComplaintStatus status,
		int version, String receivedBy, OffsetDateTime receivedAt, OffsetDateTime decidedAt, String response,
		OffsetDateTime respondedAt, String regionPath, List<Step> steps) {

	public Complaint {
		steps = List.copyOf(steps);
	}

	/** One step: from (null for the first), to, the reason, who and when. */
	public record Step(ComplaintStatus from, ComplaintStatus to, String reason, String actedBy, OffsetDateTime actedAt) {
	}
}
