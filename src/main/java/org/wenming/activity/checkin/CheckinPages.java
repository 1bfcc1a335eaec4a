package org.wenming.activity.checkin;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.PageController;
import org.wenming.platform.QrSvg;
import org.wenming.platform.QueryParameters;
import org.wenming.shared.ScopedUser;

/**
 * The pages of check-in: the organizer's rotating code, the volunteer's scan, and the organizer's
 * roster with entries by hand and the confirmation.
 */
@Controller
class CheckinPages extends PageController {

	private final Checkins checkins;

	CheckinPages(Checkins checkins) {
		this.checkins = checkins;
	}

	// ---- the organizer's code ----------------------------------------------------------------------

	@GetMapping("/checkin/shifts/{shiftId}/code")
	ModelAndView code(@AuthenticationPrincipal ScopedUser user, @PathVariable String shiftId,
			HttpServletRequest request) {
		ShiftInfo shift = checkins.forOrganizer(QueryParameters.id(shiftId), user);
		return new ModelAndView("checkin/code", Map.of("shift", shift, "qr", qr(shift), "refreshSeconds",
				refreshSeconds()));
	}

	/** The code alone, polled by the page (htmx) so the phone always shows the current period's code. */
	@GetMapping("/checkin/shifts/{shiftId}/code/qr")
	ModelAndView codeFragment(@AuthenticationPrincipal ScopedUser user, @PathVariable String shiftId) {
		ShiftInfo shift = checkins.forOrganizer(QueryParameters.id(shiftId), user);
		return new ModelAndView("checkin/code-qr", Map.of("shift", shift, "qr", qr(shift)));
	}

	/** Polls a few times per period, so a new code shows within seconds of its period starting. */
	private int refreshSeconds() {
		return (int) Math.max(5, checkins.periodSeconds() / 6);
	}

	private String qr(ShiftInfo shift) {
		String url = ServletUriComponentsBuilder.fromCurrentContextPath().path("/checkin")
				.queryParam("t", checkins.currentToken(shift)).build().toUriString();
		return QrSvg.of(url, shift.title());
	}

	// ---- the volunteer's scan ----------------------------------------------------------------------

	@GetMapping("/checkin")
	ModelAndView scanPage(@AuthenticationPrincipal ScopedUser user, @RequestParam(name = "t", required = false) String t) {
		String token = CheckinInput.token("t", t);
		return scanView(user, token, null, false, HttpStatus.OK);
	}

	@PostMapping("/checkin")
	ModelAndView scan(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String t,
			@RequestParam(required = false) String key, @RequestParam(required = false) String action,
			@RequestParam(required = false) String latitude, @RequestParam(required = false) String longitude) {
		String token = CheckinInput.token("t", t);
		String idempotencyKey = CheckinInput.idempotencyKey("key", key);
		String act = CheckinInput.action("action", action);
		Double lat = CheckinInput.coordinate("latitude", latitude, 90);
		Double lon = CheckinInput.coordinate("longitude", longitude, 180);
		CheckinInput.position(lat, lon);
		try {
			CheckAnswer answer = checkins.scan(user, idempotencyKey, token, act, null, lat, lon);
			return scanView(user, token, answer.messageKey(), false, HttpStatus.OK);
		}
		catch (CheckRefusedException ex) {
			return scanView(user, token, ex.refusal().messageKey(), true,
					HttpStatus.valueOf(ex.refusal().status()));
		}
	}

	private ModelAndView scanView(ScopedUser user, String token, String noticeKey, boolean refused, HttpStatus status) {
		Optional<ShiftInfo> shift = checkins.scanned(token);
		AttendanceRow attendance = shift.flatMap(s -> checkins.volunteerId(user)
				.flatMap(v -> checkins.attendance(s.shiftId(), v))).orElse(null);
		ScanView view = new ScanView(shift.orElse(null), token, UUID.randomUUID().toString(), attendance,
				shift.isEmpty() && noticeKey == null ? CheckRefusal.TOKEN_FORGED.messageKey() : noticeKey,
				refused || shift.isEmpty());
		return new ModelAndView("checkin/scan", Map.of("view", view),
				shift.isEmpty() && status == HttpStatus.OK ? HttpStatus.UNPROCESSABLE_CONTENT : status);
	}

	// ---- the organizer's roster -----------------------------------------------------------------------

	@GetMapping("/checkin/shifts/{shiftId}")
	ModelAndView roster(@AuthenticationPrincipal ScopedUser user, @PathVariable String shiftId,
			@RequestParam(required = false) String done) {
		ShiftInfo shift = checkins.forOrganizer(QueryParameters.id(shiftId), user);
		String doneKey = done != null && done.matches("staff|confirmed") ? "checkin.done." + done : null;
		return rosterPage(shift, doneKey, null, null, 0, HttpStatus.OK);
	}

	@PostMapping("/checkin/shifts/{shiftId}/staff")
	ModelAndView byStaff(@AuthenticationPrincipal ScopedUser user, @PathVariable String shiftId,
			@RequestParam(required = false) String volunteerId, @RequestParam(required = false) String action,
			@RequestParam(required = false) String reason, @RequestParam(required = false) String time) {
		ShiftInfo shift = checkins.forOrganizer(QueryParameters.id(shiftId), user);
		long volunteer = CheckinInput.id("volunteerId", volunteerId);
		try {
			String act = CheckinInput.action("action", action);
			String why = CheckinInput.reason("reason", reason);
			checkins.byStaff(user, shift.shiftId(), volunteer, act, why, CheckinInput.cityTime("time", time));
		}
		catch (InvalidInputException ex) {
			return rosterPage(shift, null, "checkin.error." + ex.field(), ex.field(), volunteer, HttpStatus.BAD_REQUEST);
		}
		catch (CheckRefusedException ex) {
			return rosterPage(shift, null, ex.refusal().messageKey(), "form", volunteer,
					HttpStatus.valueOf(ex.refusal().status()));
		}
		return new ModelAndView("redirect:/checkin/shifts/" + shift.shiftId() + "?done=staff");
	}

	@PostMapping("/checkin/shifts/{shiftId}/confirm")
	ModelAndView confirm(@AuthenticationPrincipal ScopedUser user, @PathVariable String shiftId) {
		ShiftInfo shift = checkins.forOrganizer(QueryParameters.id(shiftId), user);
		try {
			checkins.confirm(user, shift.shiftId());
		}
		catch (CheckRefusedException ex) {
			return rosterPage(shift, null, ex.refusal().messageKey(), "confirm", 0,
					HttpStatus.valueOf(ex.refusal().status()));
		}
		return new ModelAndView("redirect:/checkin/shifts/" + shift.shiftId() + "?done=confirmed");
	}

	private ModelAndView rosterPage(ShiftInfo shift, String doneKey, String errorKey, String errorField,
			long errorVolunteer, HttpStatus status) {
		ShiftInfo current = checkins.shift(shift.shiftId()).orElse(shift);
		RosterView view = new RosterView(current, checkins.roster(shift.shiftId(), LocaleContextHolder.getLocale()), doneKey, errorKey, errorField,
				errorVolunteer, current.ended(java.time.Instant.now(checkinsClock())));
		return new ModelAndView("checkin/roster", Map.of("view", view), status);
	}

	private java.time.Clock checkinsClock() {
		return checkins.clock();
	}
}
