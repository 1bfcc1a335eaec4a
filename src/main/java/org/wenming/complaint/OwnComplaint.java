package org.wenming.complaint;

import java.time.OffsetDateTime;

/**
 * A complaint as the volunteer it is about sees it: what was complained of, where it stands, the decision's
 * reason, and their own response. Nothing about who complained: this record has no field that could carry it.
 */
public record OwnComplaint(long id, String summary, ComplaintStatus status, OffsetDateTime receivedAt,
		OffsetDateTime decidedAt, String decisionReason, String response, OffsetDateTime respondedAt) {

	public boolean mayRespond() {
		return response == null;
	}
}
