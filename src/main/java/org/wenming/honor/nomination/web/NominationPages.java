package org.wenming.honor.nomination.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.honor.nomination.Evidence;
import org.wenming.honor.nomination.NominationFollow;
import org.wenming.honor.nomination.NominationLimitException;
import org.wenming.honor.nomination.NominationRefusedException;
import org.wenming.honor.nomination.Nominations;
import org.wenming.platform.FormErrors;
import org.wenming.platform.PageController;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.PracticeSites;
import org.wenming.region.Regions;
import org.wenming.shared.ScopedUser;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The public side of nominations: the form (an account is required: the nominator's name is prefilled and
 * the account is the per-client limit's key, so no one-time code is needed), the page showing the private
 * link once, the nominator's follow page (status, each office's public outcome; amend and resubmit when
 * returned; withdraw), and a portrait photo for the public pages, served only while a consented public entry
 * shows it.
 */
@Controller
class NominationPages extends PageController {

	private final Nominations nominations;

	private final Evidence evidence;

	private final Regions regions;

	private final PracticeSites sites;

	NominationPages(Nominations nominations, Evidence evidence, Regions regions, PracticeSites sites) {
		this.nominations = nominations;
		this.evidence = evidence;
		this.regions = regions;
		this.sites = sites;
	}

	@GetMapping("/honor/nominate")
	ModelAndView form(@AuthenticationPrincipal ScopedUser user) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("kind", "PERSON");
		values.put("nominatorKind", "PUBLIC");
		if (user != null) {
			values.put("nominatorName", user.displayName());
		}
		return page(values, FormErrors.NONE, null, HttpStatus.OK);
	}

	@PostMapping("/honor/nominate")
	ModelAndView submit(@AuthenticationPrincipal ScopedUser user, HttpServletRequest request,
			@RequestParam(name = "evidence", required = false) List<MultipartFile> uploads, HttpServletResponse response,
			Locale locale) {
		Map<String, String> values = NominationForms.values(request);
		FormErrors errors = FormErrors.none();
		try {
			return NominationForms.submit(nominations, evidence, values, uploads,
					new Nominations.Submitter(user, false, locale, NominationForms.baseUrl(request)), response);
		}
		catch (NominationRefusedException ex) {
			ex.problems().forEach(p -> errors.add(p.field(), p.messageKey()));
			return page(values, errors, null, ex.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
		}
		catch (NominationLimitException ex) {
			response.setHeader("Retry-After", Long.toString(ex.retryAfterSeconds()));
			return page(values, errors, "honor.nomination.form.limit", HttpStatus.TOO_MANY_REQUESTS);
		}
	}

	private ModelAndView page(Map<String, String> values, FormErrors errors, String notice, HttpStatus status) {
		String region = values.get("regionCode");
		String selected = region != null && region.matches("\\d{2,12}") ? region : null;
		ModelAndView page = new ModelAndView("honor/nomination/form", Map.of("view",
				new NominationFormView(values, errors, regions.choice("regionCode", sites.homeCity().code(), selected, true),
						false, "/honor/nominate", notice, evidence.maxFiles())));
		page.setStatus(status);
		return page;
	}

	// ---- the nominator's private link -----------------------------------------------------------------

	@GetMapping("/honor/follow/{token}")
	ModelAndView follow(@PathVariable String token, HttpServletResponse response) {
		return followPage(token, FormErrors.NONE, null, HttpStatus.OK, response);
	}

	@PostMapping("/honor/follow/{token}/amend")
	ModelAndView amend(@PathVariable String token, @RequestParam(required = false) String title,
			@RequestParam(required = false) String story,
			@RequestParam(name = "evidence", required = false) List<MultipartFile> uploads, HttpServletResponse response) {
		nominations.follow(token).orElseThrow(RecordNotFound::new);
		try {
			nominations.amend(token, title, story, evidence.check(NominationForms.bytes(uploads, evidence)));
			return followPage(token, FormErrors.NONE, "honor.nomination.follow.resubmitted", HttpStatus.OK, response);
		}
		catch (NominationRefusedException ex) {
			FormErrors errors = FormErrors.none();
			ex.problems().forEach(p -> errors.add(p.field(), p.messageKey()));
			return followPage(token, errors, null, ex.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST,
					response);
		}
	}

	@PostMapping("/honor/follow/{token}/withdraw")
	ModelAndView withdraw(@PathVariable String token, HttpServletResponse response) {
		nominations.follow(token).orElseThrow(RecordNotFound::new);
		try {
			nominations.withdraw(token);
			return followPage(token, FormErrors.NONE, "honor.nomination.follow.withdrawn", HttpStatus.OK, response);
		}
		catch (NominationRefusedException ex) {
			FormErrors errors = FormErrors.none();
			ex.problems().forEach(p -> errors.add(p.field(), p.messageKey()));
			return followPage(token, errors, null, HttpStatus.CONFLICT, response);
		}
	}

	private ModelAndView followPage(String token, FormErrors errors, String notice, HttpStatus status,
			HttpServletResponse response) {
		// the page's address is the secret: no shared cache may keep it, no link may pass it on
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Referrer-Policy", "no-referrer");
		NominationFollow follow = nominations.follow(token).orElseThrow(RecordNotFound::new);
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("follow", follow);
		model.put("token", token);
		model.put("errors", errors);
		model.put("notice", notice == null ? "" : notice);
		model.put("maxEvidence", (long) evidence.maxFiles());
		ModelAndView page = new ModelAndView("honor/nomination/follow", model);
		page.setStatus(status);
		return page;
	}

	// ---- a consented portrait ------------------------------------------------------------------------

	@GetMapping("/honor/photos/{evidenceId}")
	ResponseEntity<byte[]> portrait(@PathVariable String evidenceId) {
		if (!evidenceId.matches("\\d{1,18}")) {
			throw new RecordNotFound();
		}
		Evidence.Content content = evidence.openPublicPortrait(Long.parseLong(evidenceId))
				.orElseThrow(RecordNotFound::new);
		// not cached for long: a withdrawn consent must take the photo down from the next request on
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.contentType()))
				.header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff").body(content.bytes());
	}
}
