package org.wenming.volunteer.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.VolunteerNotFoundException;
import org.wenming.volunteer.transfer.ImportJob;
import org.wenming.volunteer.transfer.ImportProperties;
import org.wenming.volunteer.transfer.ImportTemplate;
import org.wenming.volunteer.transfer.VolunteerImports;

/**
 * Bulk import pages: the upload form with the template, the job page that follows the import
 * (htmx polls a fragment every 2 s until the job is finished) and the error report download.
 */
@Controller
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
class VolunteerImportController extends Pages {

	private final VolunteerImports imports;

	private final long maxFileSize;

	VolunteerImportController(VolunteerImports imports,
			ImportProperties properties) {
		this.imports = imports;
		this.maxFileSize = properties.maxFileSize().toBytes();
	}

	@GetMapping("/admin/volunteers/import")
	ModelAndView form(@AuthenticationPrincipal ScopedUser user) {
		return page(user, null, HttpStatus.OK);
	}

	@PostMapping("/admin/volunteers/import")
	ModelAndView upload(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) MultipartFile file,
			Locale locale) throws IOException {
		if (file == null || file.isEmpty()) {
			return page(user, "volunteer.import.error.noFile", HttpStatus.BAD_REQUEST);
		}
		if (file.getSize() > maxFileSize) {
			return page(user, "volunteer.import.error.tooLarge", HttpStatus.CONTENT_TOO_LARGE);
		}
		ImportJob job = imports.submit(file::transferTo, file.getOriginalFilename(), user, locale);
		return new ModelAndView("redirect:/admin/volunteers/import/" + job.id());
	}

	/** The job page; an htmx request (the poll) gets the status fragment only. */
	@GetMapping("/admin/volunteers/import/{jobId}")
	ModelAndView job(@AuthenticationPrincipal ScopedUser user, @PathVariable String jobId,
			@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletResponse response) {
		ImportJob job = imports.find(id(jobId), user).orElseThrow(() -> new VolunteerNotFoundException(0));
		response.setHeader("Cache-Control", "no-store");
		return new ModelAndView("true".equals(htmx) ? "volunteer/import-status" : "volunteer/import-job",
				Map.of("job", job));
	}

	@GetMapping("/admin/volunteers/import/{jobId}/errors.csv")
	void errors(@AuthenticationPrincipal ScopedUser user, @PathVariable String jobId, HttpServletResponse response)
			throws IOException {
		long id = id(jobId);
		try (InputStream in = imports.report(id, user).orElseThrow(() -> new VolunteerNotFoundException(0))) {
			download(response, "text/csv;charset=UTF-8", "import-" + id + "-errors.csv");
			in.transferTo(response.getOutputStream());
		}
	}

	/** 再次运行: a failed or interrupted job queued again from its kept upload. */
	@PostMapping("/admin/volunteers/import/{jobId}/run-again")
	ModelAndView runAgain(@AuthenticationPrincipal ScopedUser user, @PathVariable String jobId) {
		long id = id(jobId);
		imports.find(id, user).orElseThrow(() -> new VolunteerNotFoundException(0));
		if (imports.runAgain(id, user).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "volunteer.import.runAgain.refused");
		}
		return new ModelAndView("redirect:/admin/volunteers/import/" + id);
	}

	@GetMapping("/admin/volunteers/import/template.csv")
	void templateCsv(HttpServletResponse response) throws IOException {
		download(response, "text/csv;charset=UTF-8", "volunteer-import-template.csv");
		ImportTemplate.csv(response.getOutputStream());
	}

	@GetMapping("/admin/volunteers/import/template.xlsx")
	void templateXlsx(HttpServletResponse response) throws IOException {
		download(response, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				"volunteer-import-template.xlsx");
		ImportTemplate.xlsx(response.getOutputStream());
	}

	/** Downloads are attachments, never rendered by the browser. */
	static void download(HttpServletResponse response, String type, String fileName) {
		response.setContentType(type);
		response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Cache-Control", "no-store");
	}

	private ModelAndView page(ScopedUser user, String error, HttpStatus status) {
		return new ModelAndView("volunteer/import", Map.of("jobs", imports.recent(user), "error",
				error == null ? "" : error, "maxMegabytes", maxFileSize / (1024 * 1024)), status);
	}
}
