package org.wenming.honor.nomination.web;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.honor.consent.ConsentRefusedException;
import org.wenming.honor.consent.Consents;
import org.wenming.honor.nomination.Evidence;
import org.wenming.honor.nomination.NominationDraft;
import org.wenming.honor.nomination.NominationLimitException;
import org.wenming.honor.nomination.NominationProblem;
import org.wenming.honor.nomination.NominationRecord;
import org.wenming.honor.nomination.NominationRefusedException;
import org.wenming.honor.nomination.Nominations;
import org.wenming.honor.nomination.Submitted;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.Paging;
import org.wenming.shared.ScopedUser;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Nominations by JSON: a signed-in person submits ({@code onBehalf} for staff in scope, nominator kind UNIT
 * allowed), with evidence as base64 text; staff list and read the nominations of their scope (numbers masked)
 * and ask for the nominee's consent. Refusals name the field (400; 409 for a duplicate or a step no longer
 * possible; 429 beyond the per-person limit).
 */
@RestController
class NominationApiController {

	/** A nomination as submitted. */
	record NominationRequest(String category, String kind, String nomineeName, String nomineeIdNumber,
			String nomineeMobile, String regionCode, String deedDate, String title, String story, String nominatorKind,
			String nominatorName, String nominatorUnit, String nominatorMobile, Boolean onBehalf, List<String> evidence) {

		@Override
		public String toString() {
			return "NominationRequest[category=" + category + ", regionCode=" + regionCode + "]";
		}
	}

	/** The nomination stored: its number and the nominator's private link (shown once). */
	record NominationCreated(long id, String number, String followPath) {
	}

	/** A consent request sent to the nominee's mobile. */
	record ConsentRequest(String guardianName) {
	}

	record ConsentRequested(long consentId) {
	}

	private final Nominations nominations;

	private final Evidence evidence;

	private final Consents consents;

	private final MessageSource messages;

	NominationApiController(Nominations nominations, Evidence evidence, Consents consents, MessageSource messages) {
		this.nominations = nominations;
		this.evidence = evidence;
		this.consents = consents;
		this.messages = messages;
	}

	@PostMapping("/api/v1/honor/nominations")
	@ResponseStatus(HttpStatus.CREATED)
	NominationCreated submit(@AuthenticationPrincipal ScopedUser user, @RequestBody NominationRequest request,
			HttpServletRequest http, Locale locale) {
		NominationDraft draft = new NominationDraft(request.category(), request.kind(), request.nomineeName(),
				request.nomineeIdNumber(), request.nomineeMobile(), request.regionCode(), request.deedDate(),
				request.title(), request.story(), request.nominatorKind(), request.nominatorName(),
				request.nominatorUnit(), request.nominatorMobile());
		List<Evidence.CheckedFile> files = evidence.check(decoded(request.evidence()));
		Submitted submitted = nominations.submit(draft, new Nominations.Submitter(user,
				Boolean.TRUE.equals(request.onBehalf()), locale, NominationForms.baseUrl(http)), files);
		return new NominationCreated(submitted.id(), submitted.number(), submitted.followPath());
	}

	@GetMapping("/api/v1/honor/nominations")
	Paging.Page<NominationRecord> list(@AuthenticationPrincipal ScopedUser user,
			@RequestParam(required = false) String status, @RequestParam(required = false) String category,
			@RequestParam(required = false) String quarter, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		return nominations.search(NominationAdminPages.query(status, category, quarter, page, Paging.size(size, 20, 100)),
				user);
	}

	@GetMapping("/api/v1/honor/nominations/{id}")
	NominationRecord one(@AuthenticationPrincipal ScopedUser user, @PathVariable long id) {
		return nominations.findForStaff(id, user);
	}

	@PostMapping("/api/v1/honor/nominations/{id}/consent-requests")
	@ResponseStatus(HttpStatus.CREATED)
	ConsentRequested requestConsent(@AuthenticationPrincipal ScopedUser user, @PathVariable long id,
			@RequestBody(required = false) ConsentRequest request, HttpServletRequest http, Locale locale) {
		nominations.findForStaff(id, user);
		return new ConsentRequested(consents.request(id, request == null ? null : request.guardianName(), user, locale,
				NominationForms.baseUrl(http)).consentId());
	}

	@ExceptionHandler(NominationRefusedException.class)
	ResponseEntity<ProblemDetail> refused(NominationRefusedException ex, Locale locale) {
		List<Map<String, String>> errors = ApiProblems.errors(ex.problems(), NominationProblem::field,
				NominationProblem::messageKey, messages, locale);
		if (ex.conflict()) {
			return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiProblems.problem(HttpStatus.CONFLICT,
					messages.getMessage(ex.problems().get(0).messageKey(), null, locale), errors));
		}
		return ResponseEntity.badRequest().body(ApiProblems.invalid(errors));
	}

	@ExceptionHandler(ConsentRefusedException.class)
	ResponseEntity<ProblemDetail> consentRefused(ConsentRefusedException ex, Locale locale) {
		String message = messages.getMessage(ex.messageKey(), null, locale);
		HttpStatus status = ex.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
		return ResponseEntity.status(status)
				.body(ApiProblems.problem(status, message, List.of(ApiProblems.error(ex.field(), message))));
	}

	@ExceptionHandler(NominationLimitException.class)
	ResponseEntity<ProblemDetail> tooMany(NominationLimitException ex, Locale locale) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
						messages.getMessage("honor.nomination.form.limit", null, locale)));
	}

	/** Evidence as base64 text, each no larger than an upload may be. */
	private List<byte[]> decoded(List<String> encoded) {
		if (encoded == null || encoded.isEmpty()) {
			return List.of();
		}
		if (encoded.size() > evidence.maxFiles()) {
			throw NominationRefusedException.of(Evidence.FIELD, "honor.nomination.error.tooManyFiles");
		}
		List<byte[]> uploads = new java.util.ArrayList<>();
		for (String text : encoded) {
			if (text == null || text.isBlank()) {
				continue;
			}
			if (text.length() / 4L * 3 > evidence.maxUploadBytes() + 3) {
				throw NominationRefusedException.of(Evidence.FIELD, "honor.nomination.error.fileTooLarge");
			}
			try {
				String clean = text.strip();
				uploads.add(clean.indexOf('-') >= 0 || clean.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(clean)
						: Base64.getMimeDecoder().decode(clean));
			}
			catch (IllegalArgumentException ex) {
				throw NominationRefusedException.of(Evidence.FIELD, "honor.nomination.error.fileKind");
			}
		}
		return uploads;
	}
}
