package org.wenming.honor.consent.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.honor.consent.ConsentRefusedException;
import org.wenming.honor.consent.ConsentView;
import org.wenming.honor.consent.Consents;
import org.wenming.honor.nomination.Evidence;
import org.wenming.platform.PageController;
import org.wenming.platform.RecordNotFound;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The nominee's consent link ({@code /honor/consent/{token}}): the snapshot rendered as the roll will show it,
 * one button to consent and one to decline (a second answer: 409); once given, the same link withdraws it.
 * The snapshot's photo is served by the link while the consent is asked for or given.
 */
@Controller
class ConsentPages extends PageController {

	private final Consents consents;

	private final Evidence evidence;

	ConsentPages(Consents consents, Evidence evidence) {
		this.consents = consents;
		this.evidence = evidence;
	}

	@GetMapping("/honor/consent/{token}")
	ModelAndView show(@PathVariable String token, HttpServletResponse response) {
		return page(token, null, null, HttpStatus.OK, response);
	}

	@PostMapping("/honor/consent/{token}/give")
	ModelAndView give(@PathVariable String token, HttpServletResponse response) {
		return answer(token, true, response);
	}

	@PostMapping("/honor/consent/{token}/decline")
	ModelAndView decline(@PathVariable String token, HttpServletResponse response) {
		return answer(token, false, response);
	}

	private ModelAndView answer(String token, boolean consent, HttpServletResponse response) {
		consents.view(token).orElseThrow(RecordNotFound::new);
		try {
			consents.answer(token, consent);
			return page(token, consent ? "honor.consent.page.given" : "honor.consent.page.declined", null,
					HttpStatus.OK, response);
		}
		catch (ConsentRefusedException ex) {
			return page(token, null, ex.messageKey(), HttpStatus.CONFLICT, response);
		}
	}

	@PostMapping("/honor/consent/{token}/withdraw")
	ModelAndView withdraw(@PathVariable String token, HttpServletResponse response) {
		consents.view(token).orElseThrow(RecordNotFound::new);
		try {
			consents.withdrawByNominee(token);
			return page(token, "honor.consent.page.withdrawn", null, HttpStatus.OK, response);
		}
		catch (ConsentRefusedException ex) {
			return page(token, null, ex.messageKey(), HttpStatus.CONFLICT, response);
		}
	}

	@GetMapping("/honor/consent/{token}/portrait")
	ResponseEntity<byte[]> portrait(@PathVariable String token, HttpServletResponse response) {
		Long portrait = consents.portraitFor(token).orElseThrow(RecordNotFound::new);
		long nomination = consents.nominationOf(token).orElseThrow(RecordNotFound::new);
		Evidence.Content content = evidence.open(nomination, portrait).orElseThrow(RecordNotFound::new);
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.contentType()))
				.header("Cache-Control", "private, no-store").header("Referrer-Policy", "no-referrer")
				.header("X-Content-Type-Options", "nosniff").body(content.bytes());
	}

	private ModelAndView page(String token, String notice, String error, HttpStatus status,
			HttpServletResponse response) {
		// the page's address is the secret: no shared cache may keep it, no link may pass it on
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Referrer-Policy", "no-referrer");
		ConsentView view = consents.view(token).orElseThrow(RecordNotFound::new);
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("consent", view);
		model.put("token", token);
		model.put("notice", notice == null ? "" : notice);
		model.put("error", error == null ? "" : error);
		ModelAndView page = new ModelAndView("honor/consent/consent", model);
		page.setStatus(status);
		return page;
	}
}
