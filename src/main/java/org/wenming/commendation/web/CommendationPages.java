package org.wenming.commendation.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.commendation.CommendationLevel;
import org.wenming.commendation.CommendationRefusedException;
import org.wenming.commendation.Commendations;
import org.wenming.platform.FormErrors;
import org.wenming.platform.FormValues;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.CityTime;
import org.wenming.shared.ScopedUser;

/**
 * The offices' pages for commendations ({@code /admin/commendations}): the list in their scope, the form for a
 * new one (a volunteer by their number, or a team; a PDF document), a document. Outside the scope: not found
 * (and a security event); other roles 403.
 */
@Controller
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
class CommendationPages extends PageController {

	static final int LIST_LIMIT = 500;

	private final Commendations commendations;

	CommendationPages(Commendations commendations) {
		this.commendations = commendations;
	}

	@GetMapping("/admin/commendations")
	ModelAndView list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String done) {
		return new ModelAndView("commendation/list", Map.of("view", new CommendationViews.StaffList(
				commendations.in(user.scope(), LIST_LIMIT), "saved".equals(done))));
	}

	@GetMapping("/admin/commendations/new")
	ModelAndView newForm() {
		return form(new FormValues(Map.of("level", "CITY"), FormErrors.NONE), HttpStatus.OK);
	}

	@PostMapping("/admin/commendations/new")
	ModelAndView create(@AuthenticationPrincipal ScopedUser user, Input input,
			@RequestParam(required = false) MultipartFile document) {
		try {
			commendations.create(input.draft(), bytes(document), user);
			return new ModelAndView("redirect:/admin/commendations?done=saved");
		}
		catch (CommendationRefusedException ex) {
			FormErrors errors = FormErrors.none();
			ex.problems().forEach(p -> errors.add(p.field(), p.messageKey()));
			return form(new FormValues(input.values(), errors), HttpStatus.BAD_REQUEST);
		}
	}

	@GetMapping("/admin/commendations/{id}/document")
	ResponseEntity<InputStreamResource> document(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		long commendationId = QueryParameters.id(id);
		InputStream in = commendations.documentForStaff(commendationId, user).orElseThrow(RecordNotFound::new);
		return pdf(in, commendationId);
	}

	static ResponseEntity<InputStreamResource> pdf(InputStream in, long id) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename("commendation-" + id + ".pdf")
				.build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.header("X-Content-Type-Options", "nosniff")
			.body(new InputStreamResource(in));
	}

	private ModelAndView form(FormValues form, HttpStatus status) {
		ModelAndView page = new ModelAndView("commendation/form", Map.of("view", new CommendationViews.NewForm(form,
				List.of(CommendationLevel.values()), commendations.properties().documentMaxBytes() / (1024 * 1024),
				LocalDate.now(CityTime.ZONE).toString())));
		page.setStatus(status);
		return page;
	}

	/** The upload's bytes, or null when none was chosen. */
	private static byte[] bytes(MultipartFile file) {
		if (file == null || file.isEmpty()) {
			return null;
		}
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The form's fields. */
	record Input(String volunteerNumber, String teamId, String title, String issuer, String level, String awardedOn) {

		Commendations.Draft draft() {
			return new Commendations.Draft(volunteerNumber, teamId, title, issuer, level, awardedOn);
		}

		Map<String, String> values() {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("volunteerNumber", volunteerNumber);
			values.put("teamId", teamId);
			values.put("title", title);
			values.put("issuer", issuer);
			values.put("level", level);
			values.put("awardedOn", awardedOn);
			return values;
		}
	}
}
