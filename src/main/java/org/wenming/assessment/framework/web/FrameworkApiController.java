package org.wenming.assessment.framework.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.wenming.assessment.framework.CriterionDraft;
import org.wenming.assessment.framework.FrameworkContent;
import org.wenming.assessment.framework.FrameworkRefusedException;
import org.wenming.assessment.framework.FrameworkSummary;
import org.wenming.assessment.framework.FrameworkView;
import org.wenming.assessment.framework.FrameworkWorkbook;
import org.wenming.assessment.framework.Frameworks;
import org.wenming.assessment.framework.SampleFramework;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Criteria frameworks over JSON. Staff read; the city office edits drafts, publishes them and makes
 * new versions. A change to a published version is refused with 409; a refused field is named in the
 * problem's {@code errors}; a refused workbook lists each faulty cell with sheet, row and column.
 */
@RestController
@Tag(name = "Assessment frameworks", description = "测评体系: versioned criteria per place type")
class FrameworkApiController {

	private final Frameworks frameworks;

	private final FrameworkWorkbook workbook;

	private final SampleFramework sample;

	private final MessageSource messages;

	FrameworkApiController(Frameworks frameworks, FrameworkWorkbook workbook, SampleFramework sample,
			MessageSource messages) {
		this.frameworks = frameworks;
		this.workbook = workbook;
		this.sample = sample;
		this.messages = messages;
	}

	record NewDraft(String name, String description, Long basedOnId) {
	}

	record Description(String name, String description) {
	}

	record Item(String code, String name) {
	}

	record Created(long id) {
	}

	@Operation(summary = "Every framework version with status and counts per place type")
	@GetMapping("/api/v1/assessment/frameworks")
	List<FrameworkSummary> list(@AuthenticationPrincipal ScopedUser user) {
		FrameworkAccess.requireRead(user);
		return frameworks.list();
	}

	@Operation(summary = "One version: items, and criteria per place type in checklist order")
	@GetMapping("/api/v1/assessment/frameworks/{id}")
	FrameworkView one(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		FrameworkAccess.requireRead(user);
		return frameworks.view(QueryParameters.id(id)).orElseThrow(RecordNotFound::new);
	}

	@Operation(summary = "A new draft: empty, or with basedOnId the next version copied from a published one")
	@PostMapping("/api/v1/assessment/frameworks")
	ResponseEntity<Created> create(@AuthenticationPrincipal ScopedUser user, @RequestBody NewDraft body) {
		FrameworkAccess.requireEdit(user);
		long id;
		if (body.basedOnId() != null) {
			frameworks.find(body.basedOnId()).orElseThrow(() -> FrameworkRefusedException.notFound("basedOnId"));
			id = frameworks.newVersion(body.basedOnId(), user.username());
		}
		else {
			id = frameworks.createDraft(body.name(), body.description(), user.username());
		}
		return created(id);
	}

	@Operation(summary = "The shipped sample framework as a new draft (name optional)")
	@PostMapping("/api/v1/assessment/frameworks/sample")
	ResponseEntity<Created> sample(@AuthenticationPrincipal ScopedUser user,
			@RequestParam(required = false) String name) {
		FrameworkAccess.requireEdit(user);
		return created(sample.loadDraft(name == null || name.isBlank() ? SampleFramework.NAME : name, user.username()));
	}

	@Operation(summary = "A draft's name (version 1 only) and description")
	@PutMapping("/api/v1/assessment/frameworks/{id}")
	FrameworkSummary describe(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody Description body) {
		FrameworkAccess.requireEdit(user);
		long fid = QueryParameters.id(id);
		frameworks.describe(fid, body.name(), body.description(), user.username());
		return frameworks.find(fid).orElseThrow(RecordNotFound::new);
	}

	@Operation(summary = "Deletes a draft never used")
	@DeleteMapping("/api/v1/assessment/frameworks/{id}")
	ResponseEntity<Void> delete(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		FrameworkAccess.requireEdit(user);
		frameworks.deleteDraft(QueryParameters.id(id));
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Publishes a draft with at least one criterion; the version before it of the same name retires")
	@PostMapping("/api/v1/assessment/frameworks/{id}/publish")
	FrameworkSummary publish(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		FrameworkAccess.requireEdit(user);
		long fid = QueryParameters.id(id);
		frameworks.publish(fid, user.username());
		return frameworks.find(fid).orElseThrow(RecordNotFound::new);
	}

	@Operation(summary = "Adds an item (测评项目) to a draft")
	@PostMapping("/api/v1/assessment/frameworks/{id}/items")
	ResponseEntity<Created> addItem(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody Item body) {
		FrameworkAccess.requireEdit(user);
		return created(QueryParameters.id(id), frameworks.addItem(QueryParameters.id(id), body.code(), body.name()));
	}

	@Operation(summary = "Changes an item of a draft")
	@PutMapping("/api/v1/assessment/frameworks/{id}/items/{itemId}")
	ResponseEntity<Void> editItem(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String itemId, @RequestBody Item body) {
		FrameworkAccess.requireEdit(user);
		frameworks.editItem(QueryParameters.id(id), QueryParameters.id(itemId), body.code(), body.name());
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Removes an item without criteria from a draft")
	@DeleteMapping("/api/v1/assessment/frameworks/{id}/items/{itemId}")
	ResponseEntity<Void> removeItem(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String itemId) {
		FrameworkAccess.requireEdit(user);
		frameworks.removeItem(QueryParameters.id(id), QueryParameters.id(itemId));
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Moves an item one place up or down (direction=up|down)")
	@PostMapping("/api/v1/assessment/frameworks/{id}/items/{itemId}/move")
	ResponseEntity<Void> moveItem(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String itemId, @RequestParam String direction) {
		FrameworkAccess.requireEdit(user);
		frameworks.moveItem(QueryParameters.id(id), QueryParameters.id(itemId), direction(direction));
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Adds a criterion at the end of its place type's checklist")
	@PostMapping("/api/v1/assessment/frameworks/{id}/criteria")
	ResponseEntity<Created> addCriterion(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody CriterionDraft body) {
		FrameworkAccess.requireEdit(user);
		return created(QueryParameters.id(id), frameworks.addCriterion(QueryParameters.id(id), body));
	}

	@Operation(summary = "Changes a criterion of a draft")
	@PutMapping("/api/v1/assessment/frameworks/{id}/criteria/{criterionId}")
	ResponseEntity<Void> editCriterion(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String criterionId, @RequestBody CriterionDraft body) {
		FrameworkAccess.requireEdit(user);
		frameworks.editCriterion(QueryParameters.id(id), QueryParameters.id(criterionId), body);
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Removes a criterion from a draft")
	@DeleteMapping("/api/v1/assessment/frameworks/{id}/criteria/{criterionId}")
	ResponseEntity<Void> removeCriterion(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String criterionId) {
		FrameworkAccess.requireEdit(user);
		frameworks.removeCriterion(QueryParameters.id(id), QueryParameters.id(criterionId));
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Moves a criterion one place up or down in its checklist (direction=up|down)")
	@PostMapping("/api/v1/assessment/frameworks/{id}/criteria/{criterionId}/move")
	ResponseEntity<Void> moveCriterion(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String criterionId, @RequestParam String direction) {
		FrameworkAccess.requireEdit(user);
		frameworks.moveCriterion(QueryParameters.id(id), QueryParameters.id(criterionId), direction(direction));
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "The version as an XLSX workbook (items and criteria sheets)")
	@GetMapping("/api/v1/assessment/frameworks/{id}/export.xlsx")
	ResponseEntity<byte[]> export(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) throws IOException {
		FrameworkAccess.requireRead(user);
		return xlsx(frameworks.view(QueryParameters.id(id)).orElseThrow(RecordNotFound::new), workbook);
	}

	@Operation(summary = "A workbook imported as a new draft, all or nothing")
	@PostMapping(value = "/api/v1/assessment/frameworks/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<Created> importDraft(@AuthenticationPrincipal ScopedUser user, @RequestParam("file") MultipartFile file,
			@RequestParam(required = false) String name) throws IOException {
		FrameworkAccess.requireEdit(user);
		if (file.getSize() > FrameworkWorkbook.MAX_BYTES) {
			throw new FrameworkWorkbook.ImportRefused(List.of(new FrameworkContent.RowError("", 0, "",
					"assessment.framework.import.tooLarge")));
		}
		return created(workbook.importDraft(file.getBytes(), name, user.username()));
	}

	static int direction(String direction) {
		if ("up".equals(direction)) {
			return -1;
		}
		if ("down".equals(direction)) {
			return 1;
		}
		throw FrameworkRefusedException.invalid("direction", "assessment.framework.error.direction");
	}

	static ResponseEntity<byte[]> xlsx(FrameworkView view, FrameworkWorkbook workbook) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		workbook.export(view, out);
		String file = view.summary().name() + "-v" + view.summary().version() + ".xlsx";
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file, StandardCharsets.UTF_8).build().toString())
			.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.body(out.toByteArray());
	}

	private static ResponseEntity<Created> created(long id) {
		return ResponseEntity.created(URI.create("/api/v1/assessment/frameworks/" + id)).body(new Created(id));
	}

	private static ResponseEntity<Created> created(long frameworkId, long id) {
		return ResponseEntity.created(URI.create("/api/v1/assessment/frameworks/" + frameworkId)).body(new Created(id));
	}

	@ExceptionHandler(FrameworkRefusedException.class)
	ResponseEntity<ProblemDetail> refused(FrameworkRefusedException ex, Locale locale) {
		HttpStatus status = status(ex.kind());
		if (ex.kind() == FrameworkRefusedException.Kind.NOT_FOUND) {
			return ResponseEntity.status(status).body(ApiProblems.problem(status, null));
		}
		List<Map<String, String>> errors = ApiProblems.errors(ex.problems(), FrameworkRefusedException.Problem::field,
				FrameworkRefusedException.Problem::messageKey, messages, locale);
		String detail = ex.kind() == FrameworkRefusedException.Kind.INVALID ? "Invalid input"
				: messages.getMessage(ex.first().messageKey(), null, ex.first().messageKey(), locale);
		return ResponseEntity.status(status).body(ApiProblems.problem(status, detail, errors));
	}

	@ExceptionHandler(FrameworkWorkbook.ImportRefused.class)
	ResponseEntity<ProblemDetail> importRefused(FrameworkWorkbook.ImportRefused ex, Locale locale) {
		List<Map<String, Object>> errors = new ArrayList<>();
		for (FrameworkContent.RowError error : ex.errors()) {
			Map<String, Object> e = new LinkedHashMap<>();
			e.put("field", "file");
			e.put("sheet", error.sheet());
			e.put("row", error.row());
			e.put("column", error.column());
			e.put("message", messages.getMessage(error.messageKey(), null, error.messageKey(), locale));
			errors.add(e);
		}
		ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "The workbook was refused; nothing was stored");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	static HttpStatus status(FrameworkRefusedException.Kind kind) {
		return switch (kind) {
			case INVALID -> HttpStatus.BAD_REQUEST;
			case FROZEN, CONFLICT -> HttpStatus.CONFLICT;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
		};
	}
}
