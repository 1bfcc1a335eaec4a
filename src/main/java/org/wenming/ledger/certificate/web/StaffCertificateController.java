package org.wenming.ledger.certificate.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.Volunteer;

/**
 * Staff issue a volunteer's certificate on their behalf (代开志愿服务证明), for volunteers in their
 * scope; the answer is the PDF itself. Outside the scope: 404, recorded in the security audit.
 */
@Controller
class StaffCertificateController extends PageController {

	private final Certificates certificates;

	StaffCertificateController(Certificates certificates) {
		this.certificates = certificates;
	}

	@GetMapping("/admin/volunteers/{id}/certificate")
	ModelAndView form(@AuthenticationPrincipal ScopedUser staff, @PathVariable String id) {
		return page(volunteer(staff, id), null, null, Map.of(), HttpStatus.OK);
	}

	@PostMapping("/admin/volunteers/{id}/certificate")
	Object issue(@AuthenticationPrincipal ScopedUser staff, @PathVariable String id,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to, Locale locale) {
		Volunteer volunteer = volunteer(staff, id);
		try {
			IssuedCertificate issued = certificates.issueForStaff(staff, volunteer.id(), from, to);
			byte[] pdf = certificates.pdfForStaff(staff, issued, locale,
					ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
					.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
							.filename("certificate-" + issued.number() + ".pdf", StandardCharsets.UTF_8).build().toString())
					.header(HttpHeaders.CACHE_CONTROL, "private, no-store").body(pdf);
		}
		catch (CertificateRefusedException ex) {
			Map<String, String> errors = new LinkedHashMap<>();
			ex.problems().forEach(p -> errors.putIfAbsent(p.field(), p.messageKey()));
			return page(volunteer, from, to, errors, HttpStatus.BAD_REQUEST);
		}
	}

	private Volunteer volunteer(ScopedUser staff, String id) {
		try {
			return certificates.volunteerForStaff(staff, QueryParameters.id(id));
		}
		catch (NotAVolunteerException ex) {
			throw new RecordNotFound();
		}
	}

	private ModelAndView page(Volunteer volunteer, String from, String to, Map<String, String> errors,
			HttpStatus status) {
		return new ModelAndView("certificate/staff", Map.of("volunteer", volunteer, "view",
				new MyCertificatesView(true, java.util.List.of(), from, to, errors, certificates.today())), status);
	}
}
