package org.wenming.volunteer.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.Paging;
import org.wenming.region.FieldProblem;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.PersonalField;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.VolunteerDraft;
import org.wenming.volunteer.VolunteerNotFoundException;
import org.wenming.volunteer.VolunteerPage;
import org.wenming.volunteer.VolunteerRefusedException;
import org.wenming.volunteer.Volunteers;

/** Volunteers over JSON for staff, confined to the caller's data scope. */
@RestController
@RequestMapping("/api/v1/admin/volunteers")
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF', 'SITE_ADMIN', 'TEAM_LEADER')")
class VolunteerAdminApiController {

	private final Volunteers volunteers;

	private final MessageSource messages;

	VolunteerAdminApiController(Volunteers volunteers, MessageSource messages) {
		this.volunteers = volunteers;
		this.messages = messages;
	}

	/** A registration as a JSON client submits it. */
	record Input(String realName, String idType, String idNumber, String phone, String gender, String birthDate,
			String regionCode, List<String> skills, String availability, String emergencyName, String emergencyPhone,
			String guardianName, String guardianRelation, String guardianPhone, Boolean guardianConsent,
			Boolean consent) {

		VolunteerDraft draft() {
			return new VolunteerDraft(realName, idType, idNumber, phone, gender, birthDate, regionCode, skills,
					availability, emergencyName, emergencyPhone, guardianName, guardianRelation, guardianPhone,
					String.valueOf(Boolean.TRUE.equals(guardianConsent)), String.valueOf(Boolean.TRUE.equals(consent)));
		}
	}

	record RevealInput(String field, String reason) {
	}

	record Revealed(String field, String value) {
	}

	@GetMapping
	Paging.Page<VolunteerJson> list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String q,
			@RequestParam(required = false) String number, @RequestParam(required = false) String phone4,
			@RequestParam(required = false) String skill, @RequestParam(required = false) String region,
			@RequestParam(required = false) String team,
			@RequestParam(required = false) String status, @RequestParam(required = false) String sort,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		VolunteerPage found = volunteers.search(SearchParameters.query(q, number, phone4, skill, region, team, status, sort,
				page, size, volunteers.skillCodes()), user);
		return new Paging.Page<>(found.items().stream().map(v -> VolunteerJson.of(v, volunteers.today())).toList(),
				found.total(), found.page(), found.size(), found.pages());
	}

	@GetMapping("/{id}")
	VolunteerJson get(@AuthenticationPrincipal ScopedUser user, @PathVariable long id) {
		return VolunteerJson.of(volunteers.findForStaff(id, user).orElseThrow(() -> new VolunteerNotFoundException(id)),
				volunteers.today());
	}

	@PostMapping
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF', 'SITE_ADMIN')")
	ResponseEntity<VolunteerJson> create(@AuthenticationPrincipal ScopedUser user, @RequestBody Input input) {
		Volunteer volunteer = volunteers.registerByStaff(input.draft(), user);
		return ResponseEntity.created(URI.create("/api/v1/admin/volunteers/" + volunteer.id()))
				.body(VolunteerJson.of(volunteer, volunteers.today()));
	}

	@PostMapping("/{id}/reveal")
	ResponseEntity<Revealed> reveal(@AuthenticationPrincipal ScopedUser user, @PathVariable long id,
			@RequestBody RevealInput input, HttpServletRequest request) {
		PersonalField field = PersonalField.parse(input.field() == null ? null : input.field().strip())
				.orElseThrow(() -> new InvalidInputException("field", "must be ID or PHONE"));
		String value = volunteers.reveal(id, field, input.reason(), user, request.getRemoteAddr());
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Revealed(field.name(), value));
	}

	@ExceptionHandler(VolunteerRefusedException.class)
	ProblemDetail refused(VolunteerRefusedException ex, Locale locale) {
		return ApiProblems.invalid(
				ApiProblems.errors(ex.problems(), FieldProblem::field, FieldProblem::messageKey, messages, locale));
	}

	@ExceptionHandler(VolunteerNotFoundException.class)
	ResponseEntity<ProblemDetail> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiProblems.problem(HttpStatus.NOT_FOUND, null));
	}
}
