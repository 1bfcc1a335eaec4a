package org.wenming.honor.brand.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.honor.brand.Award;
import org.wenming.honor.brand.Awards;
import org.wenming.honor.brand.BrandProject;
import org.wenming.honor.brand.BrandProjects;
import org.wenming.honor.brand.BrandRefusedException;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.QueryParameters;
import org.wenming.region.FieldProblem;
import org.wenming.shared.ScopedUser;

/**
 * Brand projects and awards as JSON. The lists are public (the home city's active projects; awards of
 * projects, teams and sites, never a volunteer's); creating and changing is for the offices' staff in scope
 * (refused input 400 naming the fields; outside the scope 404 and a security event). Award documents are
 * uploaded on the page form only.
 */
@RestController
@RequestMapping("/api/v1/honor")
class BrandApiController {

	record ProjectJson(long id, String name, String description, Long teamId, String teamName, Long siteId,
			String siteName, String regionCode, String regionName, Integer sinceYear, String status) {

		static ProjectJson of(BrandProject p) {
			return new ProjectJson(p.id(), p.name(), p.description(), p.teamId(), p.teamName(), p.siteId(), p.siteName(),
					p.regionCode(), p.regionName(), p.sinceYear(), p.status());
		}
	}

	record AwardJson(long id, String subject, long subjectId, String subjectName, String title, String issuer,
			String level, int year, boolean hasDocument) {

		static AwardJson of(Award a) {
			return new AwardJson(a.id(), a.subjectKind(), a.subjectId(), a.subjectName(), a.title(), a.issuer(),
					a.level().name(), a.year(), a.hasDocument());
		}
	}

	/** A project as sent: every value text or a number (checked by the service, naming the field). */
	record ProjectBody(Object name, Object description, Object teamId, Object siteId, Object regionCode,
			Object sinceYear, Object status) {

		BrandProjects.Draft draft() {
			return new BrandProjects.Draft(text("name", name), text("description", description), text("teamId", teamId),
					text("siteId", siteId), text("regionCode", regionCode), text("sinceYear", sinceYear),
					text("status", status));
		}
	}

	/** An award as sent: {@code subject} PROJECT, TEAM, SITE or VOLUNTEER and that subject's id. */
	record AwardBody(Object subject, Object subjectId, Object title, Object issuer, Object level, Object year) {

		Awards.Draft draft() {
			return new Awards.Draft(text("subject", subject), text("subjectId", subjectId), text("title", title),
					text("issuer", issuer), text("level", level), text("year", year));
		}
	}

	/** A JSON value as the text a form would send: a number's digits; an object or list is no valid text. */
	static String text(String field, Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof String || value instanceof Number || value instanceof Boolean) {
			return String.valueOf(value);
		}
		throw new org.wenming.platform.InvalidInputException(field, "must be text or a number");
	}

	private final BrandCatalogue catalogue;

	private final BrandProjects projects;

	private final Awards awards;

	private final MessageSource messages;

	BrandApiController(BrandCatalogue catalogue, BrandProjects projects, Awards awards, MessageSource messages) {
		this.catalogue = catalogue;
		this.projects = projects;
		this.awards = awards;
		this.messages = messages;
	}

	@GetMapping("/brands")
	List<ProjectJson> brands() {
		return catalogue.city().projects().stream().map(ProjectJson::of).toList();
	}

	@GetMapping("/awards")
	List<AwardJson> awards() {
		return catalogue.city().awards().stream().map(AwardJson::of).toList();
	}

	@PostMapping("/brands")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ResponseEntity<ProjectJson> create(@AuthenticationPrincipal ScopedUser user, @RequestBody ProjectBody body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(ProjectJson.of(projects.create(body.draft(), user)));
	}

	@PutMapping("/brands/{id}")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ProjectJson update(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, @RequestBody ProjectBody body) {
		return ProjectJson.of(projects.update(QueryParameters.id(id), body.draft(), user));
	}

	@PostMapping("/awards")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ResponseEntity<AwardJson> createAward(@AuthenticationPrincipal ScopedUser user, @RequestBody AwardBody body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(AwardJson.of(awards.create(body.draft(), null, user)));
	}

	@ExceptionHandler(BrandRefusedException.class)
	ResponseEntity<ProblemDetail> refused(BrandRefusedException ex, Locale locale) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(ApiProblems.invalid(
				ApiProblems.errors(ex.problems(), FieldProblem::field, FieldProblem::messageKey, messages, locale)));
	}
}
