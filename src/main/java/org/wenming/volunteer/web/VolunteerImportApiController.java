package org.wenming.volunteer.web;

import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.wenming.platform.ApiProblems;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.VolunteerNotFoundException;
import org.wenming.volunteer.transfer.ImportJob;
import org.wenming.volunteer.transfer.ImportProperties;
import org.wenming.volunteer.transfer.VolunteerImports;

/** Bulk import over JSON: upload a file (multipart {@code file}), then follow the job until it is finished. */
@RestController
@RequestMapping("/api/v1/admin/volunteers/import")
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
class VolunteerImportApiController {

	private final VolunteerImports imports;

	private final MessageSource messages;

	private final long maxFileSize;

	VolunteerImportApiController(VolunteerImports imports, MessageSource messages,
			ImportProperties properties) {
		this.imports = imports;
		this.messages = messages;
		this.maxFileSize = properties.maxFileSize().toBytes();
	}

	/**
	 * A job as JSON; {@code problem} says in words why a file was refused or a load failed;
	 * {@code runAgain}, for a failed or interrupted job whose upload is kept, where to POST to run it
	 * again; {@code rerun}, for an interrupted job whose upload is gone, where to upload the file again.
	 */
	record JobJson(long id, String status, String fileName, String createdBy, int rowsRead, int rowsOk,
			int errors, int imported, String problem, String errorReport, String rerun, OffsetDateTime createdAt,
			OffsetDateTime startedAt, OffsetDateTime finishedAt, int attempts, String runAgain) {
	}

	@PostMapping
	ResponseEntity<?> upload(@AuthenticationPrincipal ScopedUser user,
			@RequestParam(required = false) MultipartFile file, Locale locale) throws IOException {
		if (file == null || file.isEmpty()) {
			return problem(HttpStatus.BAD_REQUEST, "volunteer.import.error.noFile", locale);
		}
		if (file.getSize() > maxFileSize) {
			return problem(HttpStatus.CONTENT_TOO_LARGE, "volunteer.import.error.tooLarge", locale);
		}
		ImportJob job = imports.submit(file::transferTo, file.getOriginalFilename(), user, locale);
		return ResponseEntity.accepted().location(URI.create("/api/v1/admin/volunteers/import/" + job.id()))
				.body(json(job, locale));
	}

	/** 再次运行: 202 with the job queued again; 409 when it is not failed or interrupted, or its upload is gone. */
	@PostMapping("/{jobId}/run-again")
	ResponseEntity<?> runAgain(@AuthenticationPrincipal ScopedUser user, @PathVariable long jobId, Locale locale) {
		imports.find(jobId, user).orElseThrow(() -> new VolunteerNotFoundException(jobId));
		return imports.runAgain(jobId, user)
			.<ResponseEntity<?>>map(job -> ResponseEntity.accepted()
				.location(URI.create("/api/v1/admin/volunteers/import/" + job.id())).body(json(job, locale)))
			.orElseGet(() -> problem(HttpStatus.CONFLICT, "volunteer.import.runAgain.refused", locale));
	}

	@GetMapping("/{jobId}")
	JobJson get(@AuthenticationPrincipal ScopedUser user, @PathVariable long jobId, Locale locale) {
		return json(imports.find(jobId, user).orElseThrow(() -> new VolunteerNotFoundException(jobId)), locale);
	}

	private JobJson json(ImportJob job, Locale locale) {
		String problem = job.problem() == null ? null
				: messages.getMessage(job.problem(), new Object[] { job.problemDetail() }, job.problem(), locale);
		return new JobJson(job.id(), job.status().name(), job.fileName(), job.createdBy(), job.rowsRead(),
				job.rowsOk(), job.errorsCount(), job.imported(), problem,
				job.hasReport() ? "/admin/volunteers/import/" + job.id() + "/errors.csv" : null,
				job.rerunnable() ? "/api/v1/admin/volunteers/import" : null, job.createdAt(),
				job.startedAt(), job.finishedAt(), job.attempts(),
				job.canRunAgain() ? "/api/v1/admin/volunteers/import/" + job.id() + "/run-again" : null);
	}

	private ResponseEntity<ProblemDetail> problem(HttpStatus status, String key, Locale locale) {
		String message = messages.getMessage(key, null, key, locale);
		return ResponseEntity.status(status).body(ApiProblems.problem(status, message, List.of(ApiProblems.error("file", message))));
	}

	@ExceptionHandler(VolunteerNotFoundException.class)
	ResponseEntity<ProblemDetail> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiProblems.problem(HttpStatus.NOT_FOUND, null));
	}
}
