package org.wenming.casework.citizen;

import java.time.OffsetDateTime;
import java.util.List;

import org.wenming.casework.CaseStatus;
import org.wenming.casework.photo.StoredPhoto;

/** The public side of a case, as its reporter follows it: no description, address, name or contact. */
public record Progress(long id, String caseNumber, String categoryCode, CaseStatus status, String place,
		OffsetDateTime reportedAt, OffsetDateTime registeredAt, OffsetDateTime dispatchedAt, OffsetDateTime dueAt,
		OffsetDateTime closedAt, Boolean closedOnTime, String mergedIntoNumber, Integer rating, String ratingComment,
		List<Step> history, List<StoredPhoto> before, List<StoredPhoto> after) {

	/** One step of the public history: a status reached (kind is the event's), or the rating given. */
	public record Step(String kind, CaseStatus status, OffsetDateTime at) {
	}

	public boolean canRate() {
		return status == CaseStatus.CLOSED && rating == null;
	}
}
