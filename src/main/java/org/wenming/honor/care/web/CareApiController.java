package org.wenming.honor.care.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.honor.care.CareGrants;
import org.wenming.honor.care.CareRefusedException;
import org.wenming.platform.ApiProblems;
import org.wenming.region.FieldProblem;
import org.wenming.shared.ScopedUser;

/**
 * The care register as JSON, staff of the offices only: record a grant ({@code POST /api/v1/honor/care/grants};
 * refused input 400 naming the fields, an entry outside the scope 400 naming {@code rollEntryId}), and the totals
 * by measure and year and by county ({@code GET /api/v1/honor/care/totals}).
 */
@RestController
@RequestMapping("/api/v1/honor/care")
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
class CareApiController {

	/** A grant as recorded: ids and amounts as text or numbers (checked by the service, naming the field). */
	record GrantBody(Object rollEntryId, Object measureId, Object amount, Object grantedOn, Object note) {
	}

	/** A JSON value as the text a form would send; an object or a list is no valid text. */
	static String text(String field, Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof String || value instanceof Number || value instanceof Boolean) {
			return value instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(value);
		}
		throw new org.wenming.platform.InvalidInputException(field, "must be text or a number");
	}

	record GrantJson(long id, long rollEntryId, long measureId, String measureName, String kind, BigDecimal amount,
			LocalDate grantedOn) {
	}

	record TotalsJson(List<CareGrants.Total> byMeasureAndYear, List<CareGrants.Total> byCounty, long grants,
			BigDecimal amount) {
	}

	private final CareGrants grants;

	private final MessageSource messages;

	CareApiController(CareGrants grants, MessageSource messages) {
		this.grants = grants;
		this.messages = messages;
	}

	@PostMapping("/grants")
	ResponseEntity<GrantJson> grant(@AuthenticationPrincipal ScopedUser user, @RequestBody GrantBody body) {
		String entry = body.rollEntryId() == null ? "" : text("rollEntryId", body.rollEntryId()).strip();
		if (!entry.matches("\\d{1,18}")) {
			throw CareRefusedException.invalid(List.of(new FieldProblem("rollEntryId", "honor.care.error.entryUnknown")));
		}
		CareGrants.Grant g = grants.grant(Long.parseLong(entry), text("measureId", body.measureId()),
				text("amount", body.amount()), text("grantedOn", body.grantedOn()), text("note", body.note()), user);
		return ResponseEntity.status(HttpStatus.CREATED).body(new GrantJson(g.id(), g.rollEntryId(), g.measureId(),
				g.measureName(), g.kind().name(), g.amount(), g.grantedOn()));
	}

	@GetMapping("/totals")
	TotalsJson totals(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String year,
			@RequestParam(required = false) String measure, @RequestParam(required = false) String county) {
		CareGrants.Totals totals = grants.totals(CarePages.filter(year, measure, county), user);
		return new TotalsJson(totals.byMeasureAndYear(), totals.byCounty(), totals.grants(), totals.amount());
	}

	@ExceptionHandler(CareRefusedException.class)
	ResponseEntity<ProblemDetail> refused(CareRefusedException ex, Locale locale) {
		HttpStatus status = ex.kind() == CareRefusedException.Kind.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
		return ResponseEntity.status(status).body(ApiProblems.problem(status, "Invalid input",
				ApiProblems.errors(ex.problems(), FieldProblem::field, FieldProblem::messageKey, messages, locale)));
	}
}
