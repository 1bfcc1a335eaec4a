package org.wenming.activity.checkin;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.MessageSource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.activity.AttendanceConfirmed;
import org.wenming.platform.QueryParameters;
import org.wenming.shared.ScopedUser;

/** Check-in and check-out for phones (with an idempotency key), and the organizer's roster, entries and confirmation. */
@RestController
class CheckinApiController {

	private final Checkins checkins;

	private final MessageSource messages;

	CheckinApiController(Checkins checkins, MessageSource messages) {
		this.checkins = checkins;
		this.messages = messages;
	}

	/**
	 * @param token the token from the QR code
	 * @param action IN or OUT
	 * @param occurredAt when it happened on the phone, for scans queued offline (ISO-8601 with offset)
	 * @param latitude position, for geofenced activities
	 * @param longitude position, for geofenced activities
	 */
	record ScanRequest(String token, String action, String occurredAt, Object latitude, Object longitude) {
	}

	@PostMapping("/api/v1/checkins")
	CheckAnswer scan(@AuthenticationPrincipal ScopedUser user,
			@RequestHeader(name = "Idempotency-Key", required = false) String key, @RequestBody ScanRequest request) {
		String idempotencyKey = CheckinInput.idempotencyKey("Idempotency-Key", key);
		String token = CheckinInput.token("token", request.token());
		String action = CheckinInput.action("action", request.action());
		var occurredAt = CheckinInput.instant("occurredAt", request.occurredAt());
		Double latitude = CheckinInput.coordinate("latitude", request.latitude(), 90);
		Double longitude = CheckinInput.coordinate("longitude", request.longitude(), 180);
		CheckinInput.position(latitude, longitude);
		return checkins.scan(user, idempotencyKey, token, action, occurredAt, latitude, longitude);
	}

	/** One roster line as the organizer's API shows it. */
	record RosterLine(long volunteerId, String name, String volunteerNumber, OffsetDateTime checkedInAt,
			String checkInMethod, String checkInBy, String checkInReason, OffsetDateTime checkedOutAt,
			String checkOutMethod, String checkOutBy, String checkOutReason, boolean autoCheckedOut, Boolean counted) {

		static RosterLine of(AttendanceRow row) {
			return new RosterLine(row.volunteerId(), row.name(), row.volunteerNumber(),
					row.checkedInAt() == null ? null : Checkins.cityTime(row.checkedInAt()), row.checkInMethod(),
					row.checkInBy(), row.checkInReason(),
					row.checkedOutAt() == null ? null : Checkins.cityTime(row.checkedOutAt()), row.checkOutMethod(),
					row.checkOutBy(), row.checkOutReason(), row.autoCheckedOut(), row.counted());
		}
	}

	record Roster(long shiftId, String title, OffsetDateTime startsAt, OffsetDateTime endsAt,
			OffsetDateTime attendanceConfirmedAt, String attendanceConfirmedBy, List<RosterLine> lines) {
	}

	@GetMapping("/api/v1/checkin/shifts/{shiftId}/attendance")
	Roster roster(@AuthenticationPrincipal ScopedUser user, @PathVariable String shiftId) {
		ShiftInfo shift = checkins.forOrganizer(QueryParameters.id(shiftId), user);
		return new Roster(shift.shiftId(), shift.title(), Checkins.cityTime(shift.startsAt()),
				Checkins.cityTime(shift.endsAt()),
				shift.confirmedAt() == null ? null : Checkins.cityTime(shift.confirmedAt()), shift.confirmedBy(),
				checkins.roster(shift.shiftId(), LocaleContextHolder.getLocale()).stream().map(RosterLine::of).toList());
	}

	/**
	 * @param volunteerId whose attendance
	 * @param action IN or OUT
	 * @param reason why staff enter it (5 to 200 characters)
	 * @param occurredAt when, if not now (ISO-8601 with offset)
	 */
	record StaffEntry(Object volunteerId, String action, String reason, String occurredAt) {
	}

	@PostMapping("/api/v1/checkin/shifts/{shiftId}/attendance")
	ResponseEntity<Roster> byStaff(@AuthenticationPrincipal ScopedUser user, @PathVariable String shiftId,
			@RequestBody StaffEntry entry) {
		long shift = QueryParameters.id(shiftId);
		long volunteerId = CheckinInput.id("volunteerId", entry.volunteerId());
		String action = CheckinInput.action("action", entry.action());
		String reason = CheckinInput.reason("reason", entry.reason());
		var at = CheckinInput.instant("occurredAt", entry.occurredAt());
		checkins.byStaff(user, shift, volunteerId, action, reason, at);
		return ResponseEntity.ok(roster(user, shiftId));
	}

	@PostMapping("/api/v1/checkin/shifts/{shiftId}/confirmation")
	ResponseEntity<AttendanceConfirmed> confirm(@AuthenticationPrincipal ScopedUser user, @PathVariable String shiftId) {
		AttendanceConfirmed confirmed = checkins.confirm(user, QueryParameters.id(shiftId));
		return ResponseEntity.created(URI.create("/api/v1/checkin/shifts/" + confirmed.shiftId() + "/attendance"))
				.body(confirmed);
	}

	@ExceptionHandler(CheckRefusedException.class)
	ResponseEntity<ProblemDetail> refused(CheckRefusedException ex, Locale locale) {
		CheckRefusal refusal = ex.refusal();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatusCode.valueOf(
				refusal.status()), messages.getMessage(refusal.messageKey(), null, locale));
		problem.setTitle("Refused");
		problem.setProperty("reason", refusal.name());
		return ResponseEntity.status(refusal.status()).body(problem);
	}
}
