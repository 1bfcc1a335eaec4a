package org.wenming.ledger.certificate.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.ledger.certificate.Certificates;
import org.wenming.ledger.certificate.Verification;
import org.wenming.platform.PageController;

/** The public verification page (证明核验), where the certificate's QR code leads; no sign-in. */
@Controller
class CertificateVerificationController extends PageController {

	private final Certificates certificates;

	CertificateVerificationController(Certificates certificates) {
		this.certificates = certificates;
	}

	/** A number typed from a paper certificate: to its page when it has the shape of a number. */
	@GetMapping("/certificates")
	ModelAndView lookup(@RequestParam(required = false) String number) {
		if (number == null || number.isBlank()) {
			return new ModelAndView("certificate/lookup", lookupModel(null), HttpStatus.OK);
		}
		return Certificates.normalisedNumber(number)
				.map(n -> new ModelAndView("redirect:/certificates/" + n))
				.orElseGet(() -> new ModelAndView("certificate/lookup", lookupModel("certificate.error.number"),
						HttpStatus.BAD_REQUEST));
	}

	private static Map<String, Object> lookupModel(String error) {
		Map<String, Object> model = new HashMap<>();
		model.put("error", error);
		return model;
	}

	@GetMapping("/certificates/{number}")
	ModelAndView verify(@PathVariable String number) {
		Verification verification = Certificates.plausibleNumber(number)
				? certificates.verify(number).orElse(null)
				: null;
		Map<String, Object> model = new HashMap<>();
		model.put("view", new VerificationView(verification,
				verification == null ? List.of() : certificates.printedLines(verification.certificate().id())));
		return new ModelAndView("certificate/verify", model, verification == null ? HttpStatus.NOT_FOUND : HttpStatus.OK);
	}
}
