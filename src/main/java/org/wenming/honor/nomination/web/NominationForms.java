package org.wenming.honor.nomination.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.multipart.MultipartFile;
import org.wenming.honor.nomination.Evidence;
import org.wenming.honor.nomination.NominationDraft;
import org.wenming.honor.nomination.NominationRefusedException;

import jakarta.servlet.http.HttpServletRequest;

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

	/** The site's address as the browser reached it, for links sent by text message. */
	static String baseUrl(HttpServletRequest request) {
		return org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromContextPath(request).build()
				.toUriString();
	}
}
