package org.wenming.volunteer.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.VolunteerQuery;
import org.wenming.volunteer.Volunteers;
import org.wenming.volunteer.transfer.VolunteerExports;

/** Export of the volunteers the list's filters find, in the caller's scope, masked. */
@Controller
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
class VolunteerExportController extends Pages {

	private final Volunteers volunteers;

	private final VolunteerExports exports;

	VolunteerExportController(Volunteers volunteers, VolunteerExports exports) {
		this.volunteers = volunteers;
		this.exports = exports;
	}

	@GetMapping("/admin/volunteers/export.csv")
	void csv(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String q,
			@RequestParam(required = false) String number, @RequestParam(required = false) String phone4,
			@RequestParam(required = false) String skill, @RequestParam(required = false) String region,
			@RequestParam(required = false) String team,
			@RequestParam(required = false) String status, Locale locale, HttpServletResponse response)
			throws IOException {
		VolunteerQuery query = query(q, number, phone4, skill, region, team, status);
		VolunteerImportController.download(response, "text/csv;charset=UTF-8", fileName("csv"));
		exports.export(query, describe(query), VolunteerExports.Format.CSV, user, locale, response.getOutputStream());
	}

	@GetMapping("/admin/volunteers/export.xlsx")
	void xlsx(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String q,
			@RequestParam(required = false) String number, @RequestParam(required = false) String phone4,
			@RequestParam(required = false) String skill, @RequestParam(required = false) String region,
			@RequestParam(required = false) String team,
			@RequestParam(required = false) String status, Locale locale, HttpServletResponse response)
			throws IOException {
		VolunteerQuery query = query(q, number, phone4, skill, region, team, status);
		VolunteerImportController.download(response,
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName("xlsx"));
		exports.export(query, describe(query), VolunteerExports.Format.XLSX, user, locale, response.getOutputStream());
	}

	/** The list's parameters, checked the same way (a bad one is a 400 naming it, before anything is written). */
	private VolunteerQuery query(String q, String number, String phone4, String skill, String region, String team,
			String status) {
		return SearchParameters.query(q, number, phone4, skill, region, team, status, null, 0, 1, volunteers.skillCodes());
	}

	private String fileName(String extension) {
		return "volunteers-" + volunteers.today().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + "."
				+ extension;
	}

	/** The filter for the export record. */
	private static String describe(VolunteerQuery query) {
		Map<String, Object> parts = new LinkedHashMap<>();
		parts.put("q", query.text());
		parts.put("number", query.number());
		parts.put("phone4", query.phoneLast4());
		parts.put("skill", query.skill());
		parts.put("region", query.regionCode());
		parts.put("team", query.teamId() == null ? null : String.valueOf(query.teamId()));
		parts.put("status", query.status());
		String text = parts.entrySet().stream().filter(e -> e.getValue() != null)
				.map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
		return text.isEmpty() ? "(all)" : text;
	}
}
