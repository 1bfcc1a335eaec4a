package org.wenming.casework.web;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.wenming.casework.CaseView;
import org.wenming.casework.internal.Approvals;
import org.wenming.casework.internal.CaseActions;
import org.wenming.casework.internal.CaseQueries;
import org.wenming.casework.photo.StoredPhoto;

/** The JSON shapes of the casework API. The reporter's contact only ever appears masked. */
final class CaseJson {

	private CaseJson() {
	}

	record Listing(long id, String caseNumber, String status, String source, String categoryCode, String regionCode,
			String description, String address, Long unitId, String unitName, OffsetDateTime reportedAt,
			OffsetDateTime dueAt, int escalationLevel, int reworkCount, int version) {

		static Listing of(CaseView c, Map<Long, String> unitNames) {
			return new Listing(c.id(), c.caseNumber(), c.status().name(), c.source().name(), c.categoryCode(),
					c.regionCode(), c.description(), c.address(), c.unitId(),
					c.unitId() == null ? null : unitNames.get(c.unitId()), c.reportedAt(), c.dueAt(),
					c.escalationLevel(), c.reworkCount(), c.version());
		}
	}

	record Detail(long id, String caseNumber, String status, String source, String categoryCode, String description,
			String address, BigDecimal latitude, BigDecimal longitude, String regionCode, String reporterName,
			String reporterContactMasked, OffsetDateTime reportedAt, String reportedBy, OffsetDateTime registeredAt,
			Long unitId, String unitName, OffsetDateTime dispatchedAt, OffsetDateTime dueAt,
			OffsetDateTime fixSubmittedAt, OffsetDateTime closedAt, Boolean closedOnTime, int reworkCount,
			int escalationLevel, Long mergedIntoId, Integer rating, int version, List<String> actions,
			List<Event> history, List<Approval> approvals, List<Photo> photos) {

		static Detail of(CaseView c, String unitName, List<CaseActions.Action> actions, List<CaseQueries.Event> history,
				List<Approvals.Approval> approvals, List<StoredPhoto> photos) {
			return new Detail(c.id(), c.caseNumber(), c.status().name(), c.source().name(), c.categoryCode(),
					c.description(), c.address(), c.latitude(), c.longitude(), c.regionCode(), c.reporterName(),
					c.reporterContactMasked(), c.reportedAt(), c.reportedBy(), c.registeredAt(), c.unitId(), unitName,
					c.dispatchedAt(), c.dueAt(), c.fixSubmittedAt(), c.closedAt(), c.closedOnTime(), c.reworkCount(),
					c.escalationLevel(), c.mergedIntoId(), c.rating(), c.version(),
					actions.stream().map(Enum::name).toList(), history.stream().map(Event::of).toList(),
					approvals.stream().map(Approval::of).toList(), photos.stream().map(Photo::of).toList());
		}
	}

	/** A photo of the case, served at {@code url} to those who may see the case. */
	record Photo(long id, String stage, String contentType, int width, int height, OffsetDateTime uploadedAt,
			String uploadedBy, String url) {

		static Photo of(StoredPhoto p) {
			return new Photo(p.id(), p.stage().name(), p.contentType(), p.width(), p.height(), p.uploadedAt(),
					p.uploadedBy(), "/admin/cases/" + p.caseId() + "/photos/" + p.id());
		}
	}

	record Event(long id, String kind, String from, String to, String actor, String reason, String detail,
			OffsetDateTime at) {

		static Event of(CaseQueries.Event e) {
			return new Event(e.id(), e.kind(), e.from() == null ? null : e.from().name(),
					e.to() == null ? null : e.to().name(), e.actor(), e.reason(), e.detail(), e.at());
		}
	}

	record Approval(long id, String kind, String status, String requestedBy, OffsetDateTime requestedAt, String reason,
			OffsetDateTime requestedDueAt, String decidedBy, OffsetDateTime decidedAt, String decisionReason) {

		static Approval of(Approvals.Approval a) {
			return new Approval(a.id(), a.kind(), a.status(), a.requestedBy(), a.requestedAt(), a.reason(),
					a.requestedDueAt(), a.decidedBy(), a.decidedAt(), a.decisionReason());
		}
	}

	/** A step's input: {@code version} always; the rest as the step needs. */
	record Step(Integer version, String reason, String note, Long unitId, OffsetDateTime dueAt, Long targetId,
			Boolean toUnit, List<Long> photoIds) {
	}

	/** A case entered by staff (a hotline call, a patrol, a staff report). */
	record NewCaseJson(String source, String categoryCode, String description, String address, BigDecimal latitude,
			BigDecimal longitude, String regionCode, String reporterName, String reporterContact) {
	}

	record Created(long id, String caseNumber) {
	}
}
