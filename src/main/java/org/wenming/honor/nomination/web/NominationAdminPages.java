package org.wenming.honor.nomination.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.honor.HonorCategory;
import org.wenming.honor.NominationStatus;
import org.wenming.honor.consent.ConsentRefusedException;
import org.wenming.honor.consent.Consents;
import org.wenming.honor.nomination.Evidence;
import org.wenming.honor.nomination.NominationLimitException;
import org.wenming.honor.nomination.NominationRecord;
import org.wenming.honor.nomination.NominationRefusedException;
import org.wenming.honor.nomination.Nominations;
import org.wenming.platform.FormErrors;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.PageController;
import org.wenming.platform.Paging;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.PracticeSites;
import org.wenming.region.Regions;
import org.wenming.shared.ScopedUser;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Staff pages of nominations (in the caller's scope; another region's nomination is 404): the list with its
 * filters, one nomination with everything (numbers masked, reveal with a reason), its evidence, the portrait
 * choice, the consent's state and history with the request / paper / withdraw actions, and entering a
 * nomination on someone's behalf.
 */
@Controller
class NominationAdminPages extends PageController {

	private static final int PAGE_SIZE = 20;

	private final Nominations nominations;

	private final Evidence evidence;

	private final Consents consents;

	private final Regions regions;

	private final PracticeSites sites;

	NominationAdminPages(Nominations nominations, Evidence evidence, Consents consents, Regions regions,
			PracticeSites sites) {
		this.nominations = nominations;
		this.evidence = evidence;
		this.consents = consents;
		this.regions = regions;
		this.sites = sites;
	}

	@GetMapping("/admin/honor/nominations")
	ModelAndView list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String status,
			@RequestParam(required = false) String category, @RequestParam(required = false) String quarter,
			@RequestParam(required = false) String page) {
		requireStaff(user);
		Nominations.Query query = query(status, category, quarter, page, PAGE_SIZE);
		Paging.Page<NominationRecord> found = nominations.search(query, user);
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("found", found);
		model.put("status", query.status() == null ? "" : query.status().name());
		model.put("category", query.category() == null ? "" : query.category().name());
		model.put("quarter", query.quarter() == null ? "" : query.quarter());
		return new ModelAndView("honor/nomination/admin-list", model);
	}

	static Nominations.Query query(String status, String category, String quarter, String page, int size) {
		NominationStatus s = null;
		HonorCategory c = null;
		try {
			s = status == null || status.isBlank() ? null : NominationStatus.valueOf(status);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("status", "unknown status");
		}
		try {
			c = category == null || category.isBlank() ? null : HonorCategory.valueOf(category);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("category", "unknown category");
		}
		String q = quarter == null || quarter.isBlank() ? null : quarter.strip();
		if (q != null && !q.matches("\\d{4}Q[1-4]")) {
			throw new InvalidInputException("quarter", "a quarter like 2026Q4");
		}
		return new Nominations.Query(s, c, q, Paging.page(page), size);
	}

	// ---- entering on someone's behalf --------------------------------------------------------------------

	@GetMapping("/admin/honor/nominations/new")
	ModelAndView newForm(@AuthenticationPrincipal ScopedUser user) {
		requireStaff(user);
		Map<String, String> values = new LinkedHashMap<>();
		values.put("kind", "PERSON");
		values.put("nominatorKind", "UNIT");
		return form(user, values, FormErrors.NONE, null, HttpStatus.OK);
	}

	@PostMapping("/admin/honor/nominations/new")
	ModelAndView enter(@AuthenticationPrincipal ScopedUser user, HttpServletRequest request,
			@RequestParam(name = "evidence", required = false) List<MultipartFile> uploads, HttpServletResponse response,
			Locale locale) {
		requireStaff(user);
		Map<String, String> values = NominationForms.values(request);
		FormErrors errors = FormErrors.none();
		try {
			return NominationForms.submit(nominations, evidence, values, uploads,
					new Nominations.Submitter(user, true, locale, NominationForms.baseUrl(request)), response);
		}
		catch (NominationRefusedException ex) {
			ex.problems().forEach(p -> errors.add(p.field(), p.messageKey()));
			return form(user, values, errors, null, ex.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
		}
		catch (NominationLimitException ex) {
			return form(user, values, errors, "honor.nomination.form.limit", HttpStatus.TOO_MANY_REQUESTS);
		}
	}

	private ModelAndView form(ScopedUser user, Map<String, String> values, FormErrors errors, String notice,
			HttpStatus status) {
		String region = values.get("regionCode");
		String selected = region != null && region.matches("\\d{2,12}") ? region : null;
		String root = user.scope().isEverything() ? sites.homeCity().code() : user.scope().regionCode();
		ModelAndView page = new ModelAndView("honor/nomination/form", Map.of("view",
				new NominationFormView(values, errors, regions.choice("regionCode", root, selected, true), true,
						"/admin/honor/nominations/new", notice, evidence.maxFiles())));
		page.setStatus(status);
		return page;
	}

	// ---- one nomination ---------------------------------------------------------------------------------

	@GetMapping("/admin/honor/nominations/{id}")
	ModelAndView detail(@AuthenticationPrincipal ScopedUser user, @PathVariable long id) {
		return detail(user, id, FormErrors.NONE, null, null, null, HttpStatus.OK);
	}

	@PostMapping("/admin/honor/nominations/{id}/reveal")
	ModelAndView reveal(@AuthenticationPrincipal ScopedUser user, @PathVariable long id,
			@RequestParam(required = false) String field, @RequestParam(required = false) String reason,
			HttpServletResponse response) {
		Nominations.SealedField sealed;
		try {
			sealed = Nominations.SealedField.valueOf(field == null ? "" : field);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("field", "unknown field");
		}
		response.setHeader("Cache-Control", "no-store");
		try {
			String value = nominations.reveal(id, sealed, reason, user);
			return detail(user, id, FormErrors.NONE, null, sealed.name(), value, HttpStatus.OK);
		}
		catch (NominationRefusedException ex) {
			return refused(user, id, ex);
		}
	}

	@PostMapping("/admin/honor/nominations/{id}/evidence")
	ModelAndView addEvidence(@AuthenticationPrincipal ScopedUser user, @PathVariable long id,
			@RequestParam(name = "evidence", required = false) List<MultipartFile> uploads) {
		nominations.findForStaff(id, user);
		try {
			nominations.addEvidence(id, evidence.check(NominationForms.bytes(uploads, evidence)), user);
			return new ModelAndView("redirect:/admin/honor/nominations/" + id);
		}
		catch (NominationRefusedException ex) {
			return refused(user, id, ex);
		}
	}

	@GetMapping("/admin/honor/nominations/{id}/evidence/{evidenceId}")
	ResponseEntity<byte[]> evidenceFile(@AuthenticationPrincipal ScopedUser user, @PathVariable long id,
			@PathVariable long evidenceId) {
		NominationRecord n = nominations.findForStaff(id, user);
		Evidence.Content content = evidence.open(n.id(), evidenceId).orElseThrow(RecordNotFound::new);
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.contentType()))
				.header("Cache-Control", "private, no-store").header("X-Content-Type-Options", "nosniff")
				.header("Content-Disposition", "attachment; filename=\"evidence-" + evidenceId
						+ ("application/pdf".equals(content.contentType()) ? ".pdf" : ".jpg") + "\"")
				.body(content.bytes());
	}

	@PostMapping("/admin/honor/nominations/{id}/portrait")
	ModelAndView portrait(@AuthenticationPrincipal ScopedUser user, @PathVariable long id,
			@RequestParam(required = false) String evidenceId) {
		Long chosen = evidenceId == null || evidenceId.isBlank() ? null
				: evidenceId.matches("\\d{1,18}") ? Long.valueOf(evidenceId) : -1L;
		try {
			nominations.choosePortrait(id, chosen, user);
			return new ModelAndView("redirect:/admin/honor/nominations/" + id);
		}
		catch (NominationRefusedException ex) {
			return refused(user, id, ex);
		}
	}

	// ---- consent ----------------------------------------------------------------------------------------

	@PostMapping("/admin/honor/nominations/{id}/consent/request")
	ModelAndView requestConsent(@AuthenticationPrincipal ScopedUser user, @PathVariable long id,
			@RequestParam(required = false) String guardianName, HttpServletRequest request, Locale locale) {
		nominations.findForStaff(id, user);
		try {
			consents.request(id, guardianName, user, locale, NominationForms.baseUrl(request));
			return detail(user, id, FormErrors.NONE, "honor.consent.admin.requested", null, null, HttpStatus.OK);
		}
		catch (ConsentRefusedException ex) {
			return consentRefused(user, id, ex);
		}
	}

	@PostMapping("/admin/honor/nominations/{id}/consent/paper")
	ModelAndView paperConsent(@AuthenticationPrincipal ScopedUser user, @PathVariable long id,
			@RequestParam(required = false) String givenBy, @RequestParam(required = false) String guardianName,
			@RequestParam(name = "form", required = false) MultipartFile form) {
		nominations.findForStaff(id, user);
		try {
			if (form == null || form.isEmpty()) {
				throw NominationRefusedException.of("form", "honor.consent.error.paperForm");
			}
			Evidence.CheckedFile checked = evidence.check(NominationForms.bytes(List.of(form), evidence)).get(0);
			if (!"DOCUMENT".equals(checked.kind())) {
				throw NominationRefusedException.of("form", "honor.consent.error.paperForm");
			}
			long evidenceId = nominations.addEvidenceWithConsent(id, checked, user,
					formId -> consents.recordPaper(id, formId, givenBy, guardianName, user));
			return detail(user, id, FormErrors.NONE, evidenceId > 0 ? "honor.consent.admin.paperRecorded" : null, null,
					null, HttpStatus.OK);
		}
		catch (NominationRefusedException ex) {
			return refused(user, id, ex);
		}
		catch (ConsentRefusedException ex) {
			return consentRefused(user, id, ex);
		}
	}

	@PostMapping("/admin/honor/nominations/{id}/consent/withdraw")
	ModelAndView withdrawConsent(@AuthenticationPrincipal ScopedUser user, @PathVariable long id,
			@RequestParam(required = false) String reason) {
		nominations.findForStaff(id, user);
		try {
			consents.withdrawByStaff(id, reason, user);
			return detail(user, id, FormErrors.NONE, "honor.consent.admin.withdrawn", null, null, HttpStatus.OK);
		}
		catch (ConsentRefusedException ex) {
			return consentRefused(user, id, ex);
		}
	}

	private ModelAndView refused(ScopedUser user, long id, NominationRefusedException ex) {
		FormErrors errors = FormErrors.none();
		ex.problems().forEach(p -> errors.add(p.field(), p.messageKey()));
		return detail(user, id, errors, null, null, null, ex.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
	}

	private ModelAndView consentRefused(ScopedUser user, long id, ConsentRefusedException ex) {
		FormErrors errors = FormErrors.none();
		errors.add(ex.field(), ex.messageKey());
		return detail(user, id, errors, null, null, null, ex.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
	}

	private ModelAndView detail(ScopedUser user, long id, FormErrors errors, String notice, String revealedField,
			String revealedValue, HttpStatus status) {
		NominationRecord n = nominations.findForStaff(id, user);
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("n", n);
		model.put("evidence", evidence.list(n.id()));
		model.put("consents", consents.history(n.id(), user));
		model.put("reveals", nominations.reveals(n.id(), user));
		model.put("errors", errors);
		model.put("notice", notice == null ? "" : notice);
		model.put("revealedField", revealedField == null ? "" : revealedField);
		model.put("revealedValue", revealedValue == null ? "" : revealedValue);
		ModelAndView page = new ModelAndView("honor/nomination/admin-detail", model);
		page.setStatus(status);
		return page;
	}

	private static void requireStaff(ScopedUser user) {
		if (!Nominations.isStaff(user)) {
			throw new AccessDeniedException("nominations are for staff");
		}
	}
}
