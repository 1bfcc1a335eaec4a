package org.wenming.exchange.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.wenming.exchange.ExchangeRefusedException;
import org.wenming.exchange.ImportReport;
import org.wenming.exchange.RecordExchange;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.Volunteer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Record transfer as JSON and files: a volunteer downloads their own record; office staff export one volunteer in
 * their scope or all of them with a reason (the bulk file streams), and import another system's file — first as a
 * preview ({@code store=false}, nothing stored), then for real; every refused row named by line and row, and with
 * any refusal nothing stored (400 with the report).
 */
@RestController
class ExchangeApiController {

	static final MediaType JSON_LINES = MediaType.parseMediaType("application/x-ndjson;charset=UTF-8");

	record ExportBody(Object volunteerNumber, Object reason) {
	}

	record ProblemJson(int line, int row, String field, String message) {
	}

	record ReportJson(String source, String city, boolean stored, int added, int skipped, String hoursAdded,
			int commendationsAdded, int coursesAdded,
			int volunteersTotal, List<ImportReport.VolunteerResult> volunteers, int errorsTotal, List<ProblemJson> errors) {
	}

	private final RecordExchange exchange;

	private final MessageSource messages;

	ExchangeApiController(RecordExchange exchange, MessageSource messages) {
		this.exchange = exchange;
		this.messages = messages;
	}

	static String site() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
	}

	static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

	/** {@code jsonl} (default) or {@code csv}. */
	static RecordExchange.FileType type(String format) {
		if (format == null || format.isBlank() || format.equals("jsonl")) {
			return RecordExchange.FileType.JSONL;
		}
		if (format.equals("csv")) {
			return RecordExchange.FileType.CSV;
		}
		throw new ExchangeRefusedException("format", "exchange.error.fileType");
	}

	static MediaType mediaType(RecordExchange.FileType type) {
		return type == RecordExchange.FileType.CSV ? CSV : JSON_LINES;
	}

	static ResponseEntity<byte[]> file(byte[] body, String name) {
		return file(body, name, RecordExchange.FileType.JSONL);
	}

	static ResponseEntity<byte[]> file(byte[] body, String name, RecordExchange.FileType type) {
		return ResponseEntity.ok().contentType(mediaType(type))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
	}

	static String fileName(String what) {
		return fileName(what, RecordExchange.FileType.JSONL);
	}

	static String fileName(String what, RecordExchange.FileType type) {
		return "wenming-record-" + what + "-" + LocalDate.now(org.wenming.shared.CityTime.ZONE)
				+ (type == RecordExchange.FileType.CSV ? ".csv" : ".jsonl");
	}

	@GetMapping("/api/v1/me/record")
	ResponseEntity<byte[]> own(@AuthenticationPrincipal ScopedUser me,
			@RequestParam(name = "format", required = false) String format) {
		RecordExchange.FileType type = type(format);
		if (exchange.ownVolunteerId(me).isEmpty()) {
			throw new RecordNotFound();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		exchange.exportOwn(me, site(), out, type);
		return file(out.toByteArray(), fileName("own", type), type);
	}

	@GetMapping("/api/v1/exchange/source")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	RecordExchange.SourceIdentity source() {
		return exchange.identity();
	}

	@PostMapping("/api/v1/exchange/exports")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ResponseEntity<byte[]> exportOne(@AuthenticationPrincipal ScopedUser staff, @RequestBody ExportBody body,
			@RequestParam(name = "format", required = false) String format) {
		RecordExchange.FileType type = type(format);
		String reason = RecordExchange.reason(text("reason", body.reason()));
		Volunteer volunteer = exchange.volunteerForStaff(text("volunteerNumber", body.volunteerNumber()), staff);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		exchange.exportOne(volunteer, reason, staff, site(), out, type);
		return file(out.toByteArray(), fileName(volunteer.volunteerNumber(), type), type);
	}

	@PostMapping("/api/v1/exchange/exports/bulk")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	void exportScope(@AuthenticationPrincipal ScopedUser staff, @RequestBody ExportBody body,
			@RequestParam(name = "format", required = false) String format, HttpServletResponse response)
			throws IOException {
		RecordExchange.FileType type = type(format);
		String reason = RecordExchange.reason(text("reason", body.reason()));
		stream(response, type, out -> exchange.exportScope(reason, staff, site(), out, type));
	}

	/**
	 * Writes a bulk file straight into the response on the request's thread: no async timeout cuts a long export
	 * (a StreamingResponseBody would be ended by the container's async timeout, 30 s by default).
	 */
	static void stream(HttpServletResponse response, RecordExchange.FileType type,
			java.util.function.Consumer<java.io.OutputStream> write) throws IOException {
		response.setContentType(mediaType(type).toString());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(fileName("bulk", type)).build().toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		write.accept(response.getOutputStream());
		response.flushBuffer();
	}

	/**
	 * The file is a multipart part {@code file} or the request body itself (then within the JSON API's body cap);
	 * {@code volunteerNumber} for one volunteer; {@code store=true} to store.
	 */
	@PostMapping("/api/v1/exchange/imports")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ResponseEntity<ReportJson> importFile(@AuthenticationPrincipal ScopedUser staff,
			@RequestParam(name = "volunteerNumber", required = false) String volunteerNumber,
			@RequestParam(name = "store", defaultValue = "false") boolean store, HttpServletRequest request,
			Locale locale) throws IOException {
		Path file;
		// a large file comes as a multipart upload (part "file"; the JSON API's body cap does not apply to it),
		// a small one may be the body itself
		org.springframework.web.multipart.MultipartFile part = request instanceof
				org.springframework.web.multipart.MultipartHttpServletRequest multipart ? multipart.getFile("file") : null;
		if (request instanceof org.springframework.web.multipart.MultipartHttpServletRequest && part == null) {
			throw new ExchangeRefusedException("file", "exchange.error.file");
		}
		try (InputStream body = part != null ? part.getInputStream() : request.getInputStream()) {
			file = exchange.keep(body);
		}
		try {
			ImportReport report = exchange.importFile(file, volunteerNumber, store, staff);
			HttpStatus status = report.refused() ? HttpStatus.BAD_REQUEST : report.stored() ? HttpStatus.CREATED : HttpStatus.OK;
			return ResponseEntity.status(status).body(json(report, locale));
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	ReportJson json(ImportReport report, Locale locale) {
		return new ReportJson(report.source(), report.city(), report.stored(), report.added(), report.skipped(),
				report.hoursAdded().toPlainString(), report.commendationsAdded(), report.coursesAdded(), report.volunteersTotal(), report.volunteers(), report.errorsTotal(),
				report.errors().stream().map(p -> new ProblemJson(p.line(), p.row(), p.field(),
						messages.getMessage(p.messageKey(), null, p.messageKey(), locale))).toList());
	}

	static String text(String field, Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof String || value instanceof Number) {
			return String.valueOf(value);
		}
		throw new InvalidInputException(field, "must be text");
	}

	@ExceptionHandler(ExchangeRefusedException.class)
	ResponseEntity<ProblemDetail> refused(ExchangeRefusedException ex, Locale locale) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(ApiProblems.invalid(List.of(ApiProblems
			.error(ex.field(), messages.getMessage(ex.messageKey(), null, ex.messageKey(), locale)))));
	}
}
