package org.wenming.casework.web;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.wenming.casework.CaseView;
import org.wenming.casework.Cases;
import org.wenming.casework.internal.CaseQueries;
import org.wenming.casework.internal.CaseRefusedException;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.shared.ScopedUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The casework workflow over JSON: the queues, a case with its history and approvals, staff entry,
 * and one endpoint per step. Every step takes the {@code version} the client read: a stale one is
 * refused (409). Errors are RFC 9457 problems; a refused field is named in {@code errors}.
 */
@RestController
@Tag(name = "Casework", description = "Rectification cases (整改): queues, history and workflow steps")
class CaseApiController {

	static final int SIZE_MAX = 100;

	private final CaseDesk desk;

	private final MessageSource messages;

	CaseApiController(CaseDesk desk, MessageSource messages) {
		this.desk = desk;
		this.messages = messages;
	}

	@Operation(summary = "Cases in the caller's scope (office staff, inspectors), filtered and paged")
	@GetMapping("/api/v1/cases")
	Paging.Page<CaseJson.Listing> list(@AuthenticationPrincipal ScopedUser user, CaseFilters filters,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		return page(CaseQueries.Queue.OFFICE, user, filters, page, size);
	}

	@Operation(summary = "The caller's units' cases (unit handlers)")
	@GetMapping("/api/v1/cases/unit")
	Paging.Page<CaseJson.Listing> unitQueue(@AuthenticationPrincipal ScopedUser user, CaseFilters filters,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		return page(CaseQueries.Queue.UNIT, user, filters, page, size);
	}

	@Operation(summary = "An inspector's own reports and the fixes in their scope waiting for re-inspection")
	@GetMapping("/api/v1/cases/inspection")
	Paging.Page<CaseJson.Listing> inspectorQueue(@AuthenticationPrincipal ScopedUser user, CaseFilters filters,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		return page(CaseQueries.Queue.INSPECTOR, user, filters, page, size);
	}

	@Operation(summary = "督办: escalated overdue cases at the level the caller's office supervises")
	@GetMapping("/api/v1/cases/supervision")
	Paging.Page<CaseJson.Listing> supervision(@AuthenticationPrincipal ScopedUser user, CaseFilters filters,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		return page(CaseQueries.Queue.SUPERVISION, user, filters, page, size);
	}

	@Operation(summary = "A case with its whole history, its approvals and the steps the caller may take now")
	@GetMapping("/api/v1/cases/{id}")
	CaseJson.Detail detail(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		CaseDesk.Detail d = desk.detail(QueryParameters.id(id), user);
		return CaseJson.Detail.of(d.view(), d.unitName(), d.actions(), d.history(), d.approvals(), d.photos());
	}

	@Operation(summary = "Possible duplicates: open cases of the same category nearby, reported recently")
	@GetMapping("/api/v1/cases/{id}/duplicates")
	List<CaseJson.Listing> duplicates(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		CaseView view = desk.visible(QueryParameters.id(id), user);
		List<CaseView> found = desk.queries.possibleDuplicates(view, user);
		Map<Long, String> names = desk.queries.unitNames(found);
		return found.stream().map(c -> CaseJson.Listing.of(c, names)).toList();
	}

	@Operation(summary = "Enter a case: a hotline call or a staff report (office staff), a patrol report (inspectors)")
	@PostMapping("/api/v1/cases")
	ResponseEntity<CaseJson.Created> create(@AuthenticationPrincipal ScopedUser user,
			@RequestBody CaseJson.NewCaseJson body) {
		Cases.Reported reported = desk.enter(body.source(), body.categoryCode(), body.description(), body.address(),
				body.latitude(), body.longitude(), body.regionCode(), body.reporterName(), body.reporterContact(), user);
		return ResponseEntity.created(URI.create("/api/v1/cases/" + reported.id()))
				.body(new CaseJson.Created(reported.id(), reported.caseNumber()));
	}

	@Operation(summary = "立案: register a reported case (office staff in scope)")
	@PostMapping("/api/v1/cases/{id}/register")
	CaseJson.Detail register(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody CaseJson.Step step) {
		long caseId = QueryParameters.id(id);
		desk.workflow.register(caseId, version(step), user);
		return detail(user, id);
	}

	@Operation(summary = "不予立案: reject a reported case with a reason")
	@PostMapping("/api/v1/cases/{id}/reject")
	CaseJson.Detail reject(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody CaseJson.Step step) {
		desk.workflow.reject(QueryParameters.id(id), version(step), user, step.reason());
		return detail(user, id);
	}

	@Operation(summary = "派遣: dispatch to a responsible unit; dueAt defaults to the category's deadline on the working-day calendar")
	@PostMapping("/api/v1/cases/{id}/dispatch")
	CaseJson.Detail dispatch(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody CaseJson.Step step) {
		desk.workflow.dispatch(QueryParameters.id(id), version(step), user, step.unitId(), instant(step.dueAt()));
		return detail(user, id);
	}

	@Operation(summary = "The unit takes the case on (the unit's handlers)")
	@PostMapping("/api/v1/cases/{id}/accept")
	CaseJson.Detail accept(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody CaseJson.Step step) {
		desk.workflow.accept(QueryParameters.id(id), version(step), user);
		return detail(user, id);
	}

	@Operation(summary = "处置: submit the fix with a note (the unit's handlers); JSON without photos")
	@PostMapping(path = "/api/v1/cases/{id}/fix", consumes = MediaType.APPLICATION_JSON_VALUE)
	CaseJson.Detail submitFix(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody CaseJson.Step step) {
		desk.workflow.submitFix(QueryParameters.id(id), version(step), user, step.note(), List.of());
		return detail(user, id);
	}

	@Operation(summary = "处置: submit the fix with a note and after-photos (multipart: version, note, photos)")
	@PostMapping(path = "/api/v1/cases/{id}/fix", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	CaseJson.Detail submitFixWithPhotos(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String version, @RequestParam(required = false) String note,
			@RequestParam(name = "photos", required = false) List<MultipartFile> photos) {
		long caseId = QueryParameters.id(id);
		desk.visible(caseId, user);
		if (version == null || !version.matches("\\d{1,9}")) {
			throw CaseRefusedException.invalid("version", "casework.version.required");
		}
		desk.workflow.submitFix(caseId, Integer.parseInt(version), user, note, desk.check(photos));
		return detail(user, id);
	}

	@Operation(summary = "核查: verify the fix and close the case (office staff or inspectors; never one's own fix)")
	@PostMapping("/api/v1/cases/{id}/verify")
	CaseJson.Detail verify(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody CaseJson.Step step) {
		desk.workflow.verify(QueryParameters.id(id), version(step), user, step.note());
		return detail(user, id);
	}

	@Operation(summary = "返工: return the fix for rework with a reason")
	@PostMapping("/api/v1/cases/{id}/rework")
	CaseJson.Detail rework(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody CaseJson.Step step) {
		desk.workflow.returnForRework(QueryParameters.id(id), version(step), user, step.reason());
		return detail(user, id);
	}

	@Operation(summary = "延期申请: ask for a later due time (the unit's handlers)")
	@PostMapping("/api/v1/cases/{id}/extension")
	CaseJson.Detail extension(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody CaseJson.Step step) {
		desk.workflow.requestExtension(QueryParameters.id(id), version(step), user, instant(step.dueAt()),
				step.reason());
		return detail(user, id);
	}

	@Operation(summary = "挂起申请: ask to stop the clock (the unit's handlers)")
	@PostMapping("/api/v1/cases/{id}/suspension")
	CaseJson.Detail suspension(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody CaseJson.Step step) {
		desk.workflow.requestSuspension(QueryParameters.id(id), version(step), user, step.reason());
		return detail(user, id);
	}

	@Operation(summary = "Approve a pending extension or suspension (office staff)")
	@PostMapping("/api/v1/cases/{id}/approvals/{approvalId}/approve")
	CaseJson.Detail approve(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String approvalId, @RequestBody CaseJson.Step step) {
		desk.workflow.decide(QueryParameters.id(id), version(step), user, QueryParameters.id(approvalId), true,
				step.reason());
		return detail(user, id);
	}

	@Operation(summary = "Decline a pending extension or suspension with a reason (office staff)")
	@PostMapping("/api/v1/cases/{id}/approvals/{approvalId}/decline")
	CaseJson.Detail decline(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String approvalId, @RequestBody CaseJson.Step step) {
		desk.workflow.decide(QueryParameters.id(id), version(step), user, QueryParameters.id(approvalId), false,
				step.reason());
		return detail(user, id);
	}

	@Operation(summary = "恢复: resume a suspended case; its due time moves by the working time spent suspended")
	@PostMapping("/api/v1/cases/{id}/resume")
	CaseJson.Detail resume(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody CaseJson.Step step) {
		desk.workflow.resume(QueryParameters.id(id), version(step), user, step.reason());
		return detail(user, id);
	}

	@Operation(summary = "重新打开: reopen a closed case, back to its unit (toUnit, default) or to registration")
	@PostMapping("/api/v1/cases/{id}/reopen")
	CaseJson.Detail reopen(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody CaseJson.Step step) {
		desk.workflow.reopen(QueryParameters.id(id), version(step), user, step.reason(),
				step.toUnit() == null || step.toUnit());
		return detail(user, id);
	}

	@Operation(summary = "合并: merge this case (a duplicate) into targetId; both histories are kept")
	@PostMapping("/api/v1/cases/{id}/merge")
	CaseJson.Detail merge(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody CaseJson.Step step) {
		desk.workflow.merge(QueryParameters.id(id), version(step), user, step.targetId(), step.reason());
		return detail(user, id);
	}

	private Paging.Page<CaseJson.Listing> page(CaseQueries.Queue queue, ScopedUser user, CaseFilters filters,
			String page, String size) {
		CaseQueries.Page found = desk.queries.list(queue, filters.read(desk.cases, desk.regions),
				Paging.page(page), Paging.size(size, 20, SIZE_MAX), user);
		Map<Long, String> names = desk.queries.unitNames(found.items());
		return new Paging.Page<>(found.items().stream().map(c -> CaseJson.Listing.of(c, names)).toList(),
				found.total(), found.page(), found.size(), found.pages());
	}

	private static int version(CaseJson.Step step) {
		if (step.version() == null) {
			throw CaseRefusedException.invalid("version", "casework.version.required");
		}
		return step.version();
	}

	private static Instant instant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	@ExceptionHandler(CaseRefusedException.class)
	ResponseEntity<ProblemDetail> refused(CaseRefusedException ex, Locale locale) {
		HttpStatus status = switch (ex.kind()) {
			case CONFLICT -> HttpStatus.CONFLICT;
			case FORBIDDEN -> HttpStatus.FORBIDDEN;
			case INVALID -> HttpStatus.BAD_REQUEST;
		};
		String message = messages.getMessage(ex.messageKey(), null, ex.messageKey(), locale);
		return ResponseEntity.status(status).body(ex.kind() == CaseRefusedException.Kind.INVALID
				? ApiProblems.invalid(List.of(ApiProblems.error(ex.field(), message)))
				: ApiProblems.problem(status, message));
	}
}
