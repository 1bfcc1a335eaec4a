package org.wenming.honor.nomination.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.honor.nomination.Evidence;
import org.wenming.honor.nomination.NominationDraft;
import org.wenming.honor.nomination.NominationLimitException;
import org.wenming.honor.nomination.NominationRefusedException;
import org.wenming.honor.nomination.Nominations;
import org.wenming.honor.nomination.Submitted;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Reading the nomination form (fields and files) the same way for the public and the staff pages. */
final class NominationForms {

	static final List<String> FIELDS = List.of("category", "kind", "nomineeName", "nomineeIdNumber", "nomineeMobile",
			"regionCode", "deedDate", "title", "story", "nominatorKind", "nominatorName", "nominatorUnit",
			"nominatorMobile");

	private NominationForms() {
	}

	static Map<String, String> values(HttpServletRequest request) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String field : FIELDS) {
			String value = request.getParameter(field);
			values.put(field, value == null ? "" : value.length() > 6000 ? value.substring(0, 6000) : value);
		}
		String[] picked = request.getParameterValues("code");
		if (values.get("regionCode").isEmpty() && picked != null) {
			// without scripts the picker's selects are sent as they stand: the deepest chosen one counts
			for (String code : picked) {
				if (code.matches("\\d{2,12}") && code.length() > values.get("regionCode").length()) {
					values.put("regionCode", code);
				}
			}
		}
		return values;
	}

	static NominationDraft draft(Map<String, String> v) {
		return new NominationDraft(v.get("category"), v.get("kind"), v.get("nomineeName"), v.get("nomineeIdNumber"),
				v.get("nomineeMobile"), v.get("regionCode"), v.get("deedDate"), v.get("title"), v.get("story"),
				v.get("nominatorKind"), v.get("nominatorName"), v.get("nominatorUnit"), v.get("nominatorMobile"));
	}

	/** The chosen files' bytes, checked for count and size before they are read. */
	static List<byte[]> bytes(List<MultipartFile> uploads, Evidence evidence) {
		if (uploads == null) {
			return List.of();
		}
		List<MultipartFile> chosen = uploads.stream().filter(f -> f != null && !f.isEmpty()).toList();
		if (chosen.size() > evidence.maxFiles()) {
			throw NominationRefusedException.of(Evidence.FIELD, "honor.nomination.error.tooManyFiles");
		}
		List<byte[]> bytes = new ArrayList<>();
		for (MultipartFile upload : chosen) {
			if (upload.getSize() > evidence.maxUploadBytes()) {
				throw NominationRefusedException.of(Evidence.FIELD, "honor.nomination.error.fileTooLarge");
			}
			try {
				bytes.add(upload.getBytes());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return bytes;
	}

	/**
	 * Checks the form's files and submits its nomination; the page that shows the number and the private follow link
	 * once (201, not cached).
	 *
	 * @throws NominationRefusedException naming the fields (400, or 409 for a duplicate); nothing stored
	 * @throws NominationLimitException beyond the submitter's limit (429)
	 */
	static ModelAndView submit(Nominations nominations, Evidence evidence, Map<String, String> values,
			List<MultipartFile> uploads, Nominations.Submitter submitter, HttpServletResponse response) {
		List<Evidence.CheckedFile> files = evidence.check(bytes(uploads, evidence));
		Submitted submitted = nominations.submit(draft(values), submitter, files);
		response.setHeader("Cache-Control", "no-store");
		ModelAndView page = new ModelAndView("honor/nomination/submitted",
				Map.of("number", submitted.number(), "followPath", submitted.followPath()));
		page.setStatus(HttpStatus.CREATED);
		return page;
	}

	/** The site's address as the browser reached it, for links sent by text message. */
	static String baseUrl(HttpServletRequest request) {
		return org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromContextPath(request).build()
				.toUriString();
	}
}
