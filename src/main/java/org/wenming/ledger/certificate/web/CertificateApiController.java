package org.wenming.ledger.certificate.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wenming.ledger.certificate.Certificates;
import org.wenming.platform.InvalidInputException;

/** Certificate verification over JSON, for systems that check certificates (schools, employers); no sign-in. */
@RestController
@RequestMapping("/api/v1/certificates")
class CertificateApiController {

	private final Certificates certificates;

	CertificateApiController(Certificates certificates) {
		this.certificates = certificates;
	}

	/** 200 with the verdict for an issued certificate, 404 for an unknown number, 400 for text that is no number. */
	@GetMapping("/{number}")
	CertificateJson verify(@PathVariable String number) {
		if (!Certificates.plausibleNumber(number)) {
			throw new InvalidInputException("number",
					"must be a certificate number such as ZQ2026-7K3M-9QXD-2F8A (letters, digits and dashes)");
		}
		return certificates.verify(number).map(CertificateJson::of)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no certificate has this number"));
	}
}
