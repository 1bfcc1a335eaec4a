package org.wenming.ledger.certificate.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.bind.annotation.RequestParam;
import org.wenming.ledger.certificate.Certificates;
import org.wenming.ledger.certificate.LedgerProofs;
import org.wenming.ledger.certificate.Verification;
import org.wenming.platform.InvalidInputException;

/** Certificate verification over JSON, for systems that check certificates (schools, employers); no sign-in. */
@RestController
@RequestMapping("/api/v1/certificates")
class CertificateApiController {

	private final Certificates certificates;

	private final LedgerProofs proofs;

	CertificateApiController(Certificates certificates, LedgerProofs proofs) {
		this.certificates = certificates;
		this.proofs = proofs;
	}

	/**
	 * 200 with the verdict and the ledger proof (page {@code page} of its records, from 1) for an issued
	 * certificate, 404 for an unknown number, 400 for text that is no number or a page that is not one.
	 */
	@GetMapping("/{number}")
	CertificateJson verify(@PathVariable String number, @RequestParam(required = false) String page) {
		if (!Certificates.plausibleNumber(number)) {
			throw new InvalidInputException("number",
					"must be a certificate number such as ZQ2026-7K3M-9QXD-2F8A (letters, digits and dashes)");
		}
		int wanted = page(page);
		Verification verification = certificates.verify(number)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no certificate has this number"));
		LedgerProofs.Bundle bundle = proofs.bundle(verification.certificate(), wanted);
		if (wanted > bundle.pages()) {
			throw new InvalidInputException("page", "must be between 1 and " + bundle.pages());
		}
		return CertificateJson.of(verification, TransparencyJson.of(bundle));
	}

	private static int page(String text) {
		if (text == null) {
			return 1;
		}
		if (!text.matches("[0-9]{1,6}") || Integer.parseInt(text) < 1) {
			throw new InvalidInputException("page", "must be a page number from 1");
		}
		return Integer.parseInt(text);
	}
}
