package org.wenming.exchange.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.exchange.ExchangeRefusedException;
import org.wenming.exchange.ImportReport;
import org.wenming.exchange.RecordExchange;
import org.wenming.exchange.internal.KeptUploads;
import org.wenming.platform.FormErrors;
import org.wenming.platform.FormValues;
import org.wenming.platform.ObjectStore;
import org.wenming.platform.PageController;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.Volunteer;

/**
 * The record transfer pages: the volunteer's own ({@code /me/record}, linked from their page) with the download,
 * and the offices' ({@code /admin/exchange}): export one volunteer or the whole scope with a reason, and import a
 * file — a preview first (the upload is kept in the object store under the uploader's id), then storing it.
 */
@Controller
class ExchangePages extends PageController {

	private final RecordExchange exchange;

	private final ObjectStore uploads;

	private final KeptUploads kept;

	ExchangePages(RecordExchange exchange, KeptUploads kept) {
		this.exchange = exchange;
		this.kept = kept;
		this.uploads = kept.store();
	}

	@GetMapping("/me/record")
	ModelAndView mine(@AuthenticationPrincipal ScopedUser me) {
		return new ModelAndView("exchange/mine",
				Map.of("view", new ExchangeViews.Mine(exchange.ownFigures(me).orElse(null))));
	}

	@GetMapping("/me/record/export")
	ResponseEntity<byte[]> ownFile(@AuthenticationPrincipal ScopedUser me, @RequestParam(required = false) String format) {
		RecordExchange.FileType type;
		try {
			type = ExchangeApiController.type(format);
		}
		catch (ExchangeRefusedException ex) {
			throw new RecordNotFound();
		}
		if (exchange.ownVolunteerId(me).isEmpty()) {
			throw new RecordNotFound();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		exchange.exportOwn(me, ExchangeApiController.site(), out, type);
		return ExchangeApiController.file(out.toByteArray(), ExchangeApiController.fileName("own", type), type);
	}

	@GetMapping("/admin/exchange")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ModelAndView admin() {
		return page(FormValues.EMPTY, null, null, null, HttpStatus.OK);
	}

	@PostMapping("/admin/exchange/export")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	Object exportOne(@AuthenticationPrincipal ScopedUser staff, @RequestParam(required = false) String volunteerNumber,
			@RequestParam(required = false) String reason) {
		Map<String, String> values = new HashMap<>();
		values.put("volunteerNumber", volunteerNumber);
		values.put("reason", reason);
		try {
			String why = RecordExchange.reason(reason);
			Volunteer volunteer = exchange.volunteerForStaff(volunteerNumber, staff);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			exchange.exportOne(volunteer, why, staff, ExchangeApiController.site(), out);
			return ExchangeApiController.file(out.toByteArray(), ExchangeApiController.fileName(volunteer.volunteerNumber()));
		}
		catch (ExchangeRefusedException ex) {
			return refused(values, ex);
		}
	}

	@PostMapping("/admin/exchange/bulk")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ModelAndView exportScope(@AuthenticationPrincipal ScopedUser staff, @RequestParam(required = false) String bulkReason,
			jakarta.servlet.http.HttpServletResponse response) throws IOException {
		String why;
		try {
			why = RecordExchange.reason(bulkReason);
		}
		catch (ExchangeRefusedException ex) {
			Map<String, String> values = new HashMap<>();
			values.put("bulkReason", bulkReason);
			return refused(values, new ExchangeRefusedException("bulkReason", ex.messageKey()));
		}
		String site = ExchangeApiController.site();
		ExchangeApiController.stream(response, RecordExchange.FileType.JSONL,
				out -> exchange.exportScope(why, staff, site, out));
		return null;
	}

	@PostMapping("/admin/exchange/import")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ModelAndView preview(@AuthenticationPrincipal ScopedUser staff, @RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) String importNumber) {
		Map<String, String> values = new HashMap<>();
		values.put("importNumber", importNumber);
		if (file == null || file.isEmpty()) {
			return refused(values, new ExchangeRefusedException("file", "exchange.error.file"));
		}
		String key = "uploads/" + staff.userId() + "/" + UUID.randomUUID();
		try (InputStream in = file.getInputStream()) {
			Path kept = exchange.keep(in);
			try {
				ImportReport report = exchange.importFile(kept, blank(importNumber), false, staff);
				if (report.refused()) {
					return page(new FormValues(values, FormErrors.NONE), report, null, importNumber, HttpStatus.BAD_REQUEST);
				}
				uploads.putFile(key, kept);
				this.kept.kept(key, staff.userId());
				return page(new FormValues(values, FormErrors.NONE), report, key, importNumber, HttpStatus.OK);
			}
			finally {
				Files.deleteIfExists(kept);
			}
		}
		catch (ExchangeRefusedException ex) {
			return refused(values, new ExchangeRefusedException("importNumber", ex.messageKey()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@PostMapping("/admin/exchange/import/store")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ModelAndView store(@AuthenticationPrincipal ScopedUser staff, @RequestParam(required = false) String upload,
			@RequestParam(required = false) String importNumber) {
		// only the uploader's own kept file
		if (upload == null || !upload.startsWith("uploads/" + staff.userId() + "/") || !ObjectStore.KEY.matcher(upload).matches()) {
			throw new RecordNotFound();
		}
		InputStream in = uploads.get(upload).orElseThrow(RecordNotFound::new);
		Map<String, String> values = new HashMap<>();
		values.put("importNumber", importNumber);
		try (in) {
			Path kept = exchange.keep(in);
			try {
				ImportReport report = exchange.importFile(kept, blank(importNumber), true, staff);
				this.kept.done(upload);
				return page(new FormValues(values, FormErrors.NONE), report, null, importNumber,
						report.refused() ? HttpStatus.BAD_REQUEST : HttpStatus.OK);
			}
			finally {
				Files.deleteIfExists(kept);
			}
		}
		catch (ExchangeRefusedException ex) {
			return refused(values, new ExchangeRefusedException("importNumber", ex.messageKey()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String blank(String text) {
		return text == null || text.isBlank() ? null : text;
	}

	private ModelAndView refused(Map<String, String> values, ExchangeRefusedException ex) {
		FormErrors errors = FormErrors.none();
		errors.add(ex.field(), ex.messageKey());
		return page(new FormValues(values, errors), null, null, values.get("importNumber"), HttpStatus.BAD_REQUEST);
	}

	private ModelAndView page(FormValues form, ImportReport report, String upload, String volunteerNumber,
			HttpStatus status) {
		ModelAndView page = new ModelAndView("exchange/admin", Map.of("view",
				new ExchangeViews.Admin(exchange.identity(), form, report, upload, volunteerNumber)));
		page.setStatus(status);
		return page;
	}
}
