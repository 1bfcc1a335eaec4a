package org.wenming.ledger.certificate.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.wenming.ledger.certificate.CertificateRefusedException;
import org.wenming.ledger.certificate.Certificates;
import org.wenming.ledger.certificate.IssuedCertificate;
import org.wenming.ledger.certificate.NotAVolunteerException;
import org.wenming.platform.PageController;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.FieldProblem;
import org.wenming.shared.ScopedUser;

/** The volunteer's own certificates (我的志愿服务证明): choose a period, download, and the ones issued before. */
@Controller
class MyCertificatesController extends PageController {

	private final Certificates certificates;

	MyCertificatesController(Certificates certificates) {
		this.certificates = certificates;
	}

	@GetMapping("/me/certificates")
	ModelAndView page(@AuthenticationPrincipal ScopedUser me) {
		return page(me, null, null, Map.of(), HttpStatus.OK);
	}

	/** Issues (or, the same day, re-issues) the certificate and sends the browser on to its PDF. */
	@PostMapping("/me/certificates")
	ModelAndView issue(@AuthenticationPrincipal ScopedUser me, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		try {
			IssuedCertificate issued = certificates.issueOwn(me, from, to);
			return new ModelAndView("redirect:/me/certificates/" + issued.number() + ".pdf");
		}
		catch (NotAVolunteerException ex) {
			return page(me, null, null, Map.of(), HttpStatus.NOT_FOUND);
		}
		catch (CertificateRefusedException ex) {
			return page(me, from, to, errors(ex.problems()), HttpStatus.BAD_REQUEST);
		}
	}

	@GetMapping("/me/certificates/{number}.pdf")
	ResponseEntity<byte[]> pdf(@AuthenticationPrincipal ScopedUser me, @PathVariable String number, Locale locale) {
		String site = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
		byte[] pdf = certificates.ownPdf(me, number, locale, site).orElseThrow(RecordNotFound::new);
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
				.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
						.filename("certificate-" + number + ".pdf", StandardCharsets.UTF_8).build().toString())
				.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
				.body(pdf);
	}

	private ModelAndView page(ScopedUser me, String from, String to, Map<String, String> errors, HttpStatus status) {
		boolean volunteer = certificates.volunteer(me).isPresent();
		List<IssuedCertificate> issued = certificates.own(me);
		return new ModelAndView("certificate/mine", Map.of("view",
				new MyCertificatesView(volunteer, issued, from, to, errors, certificates.today())), status);
	}

	private static Map<String, String> errors(List<FieldProblem> problems) {
		Map<String, String> errors = new LinkedHashMap<>();
		problems.forEach(p -> errors.putIfAbsent(p.field(), p.messageKey()));
		return errors;
	}
}
