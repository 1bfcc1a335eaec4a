package org.wenming.honor.brand.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.honor.brand.Award;
import org.wenming.honor.brand.AwardLevel;
import org.wenming.honor.brand.Awards;
import org.wenming.honor.brand.BrandProject;
import org.wenming.honor.brand.BrandProjects;
import org.wenming.honor.brand.BrandRefusedException;
import org.wenming.platform.FormErrors;
import org.wenming.platform.FormValues;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;

/**
 * Staff's pages for brand projects ({@code /admin/honor/brands}) and awards ({@code /admin/honor/awards}):
 * lists of those in their scope, new and edit forms, an award's document. Outside the scope: not found (and a
 * security event).
 */
@Controller
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
class BrandPages extends PageController {

	static final int LIST_LIMIT = 500;

	private final BrandProjects projects;

	private final Awards awards;

	BrandPages(BrandProjects projects, Awards awards) {
		this.projects = projects;
		this.awards = awards;
	}

	@GetMapping("/admin/honor/brands")
	ModelAndView projects(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String done) {
		return new ModelAndView("honor/brand/projects", Map.of("view", new BrandViews.StaffList(
				projectsIn(user), List.of(), "saved".equals(done) ? "saved" : "")));
	}

	@GetMapping("/admin/honor/brands/new")
	ModelAndView newProject(@AuthenticationPrincipal ScopedUser user) {
		return projectForm(user, null, new FormValues(Map.of("status", "ACTIVE"), FormErrors.NONE), HttpStatus.OK);
	}

	@PostMapping("/admin/honor/brands/new")
	ModelAndView createProject(@AuthenticationPrincipal ScopedUser user, ProjectInput input) {
		try {
			projects.create(input.draft(), user);
			return new ModelAndView("redirect:/admin/honor/brands?done=saved");
		}
		catch (BrandRefusedException ex) {
			return projectForm(user, null, new FormValues(input.values(), errors(ex)), HttpStatus.BAD_REQUEST);
		}
	}

	@GetMapping("/admin/honor/brands/{id}/edit")
	ModelAndView editProject(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		BrandProject p = projects.findForStaff(QueryParameters.id(id), user);
		return projectForm(user, p, new FormValues(ProjectInput.of(p).values(), FormErrors.NONE), HttpStatus.OK);
	}

	@PostMapping("/admin/honor/brands/{id}/edit")
	ModelAndView updateProject(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, ProjectInput input) {
		BrandProject p = projects.findForStaff(QueryParameters.id(id), user);
		try {
			projects.update(p.id(), input.draft(), user);
			return new ModelAndView("redirect:/admin/honor/brands?done=saved");
		}
		catch (BrandRefusedException ex) {
			return projectForm(user, p, new FormValues(input.values(), errors(ex)), HttpStatus.BAD_REQUEST);
		}
	}

	@GetMapping("/admin/honor/awards")
	ModelAndView awards(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String done) {
		return new ModelAndView("honor/brand/awards", Map.of("view", new BrandViews.StaffList(List.of(),
				awards.in(user.scope(), LIST_LIMIT),
				"saved".equals(done) || "removed".equals(done) ? done : "")));
	}

	@GetMapping("/admin/honor/awards/new")
	ModelAndView newAward(@AuthenticationPrincipal ScopedUser user) {
		return awardForm(user, null, new FormValues(Map.of("subject", "PROJECT", "level", "CITY"), FormErrors.NONE),
				HttpStatus.OK);
	}

	@PostMapping("/admin/honor/awards/new")
	ModelAndView createAward(@AuthenticationPrincipal ScopedUser user, AwardInput input,
			@RequestParam(required = false) MultipartFile document) {
		try {
			awards.create(input.draft(), bytes(document), user);
			return new ModelAndView("redirect:/admin/honor/awards?done=saved");
		}
		catch (BrandRefusedException ex) {
			return awardForm(user, null, new FormValues(input.values(), errors(ex)), HttpStatus.BAD_REQUEST);
		}
	}

	@GetMapping("/admin/honor/awards/{id}/edit")
	ModelAndView editAward(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		Award a = awards.findForStaff(QueryParameters.id(id), user);
		return awardForm(user, a, new FormValues(AwardInput.of(a).values(), FormErrors.NONE), HttpStatus.OK);
	}

	@PostMapping("/admin/honor/awards/{id}/edit")
	ModelAndView updateAward(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, AwardInput input,
			@RequestParam(required = false) MultipartFile document) {
		Award a = awards.findForStaff(QueryParameters.id(id), user);
		try {
			awards.update(a.id(), input.draft(), bytes(document), user);
			return new ModelAndView("redirect:/admin/honor/awards?done=saved");
		}
		catch (BrandRefusedException ex) {
			return awardForm(user, a, new FormValues(input.values(), errors(ex)), HttpStatus.BAD_REQUEST);
		}
	}

	@PostMapping("/admin/honor/awards/{id}/document/remove")
	String removeDocument(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		awards.removeDocument(QueryParameters.id(id), user);
		return "redirect:/admin/honor/awards?done=removed";
	}

	@GetMapping("/admin/honor/awards/{id}/document")
	ResponseEntity<InputStreamResource> document(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		long awardId = QueryParameters.id(id);
		InputStream in = awards.documentForStaff(awardId, user).orElseThrow(RecordNotFound::new);
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename("award-" + awardId + ".pdf")
				.build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.header("X-Content-Type-Options", "nosniff")
			.body(new InputStreamResource(in));
	}

	private List<BrandProject> projectsIn(ScopedUser user) {
		if (!BrandProjects.mayManage(user)) {
			throw new RecordNotFound();
		}
		return projects.in(user.scope(), false, LIST_LIMIT);
	}

	private ModelAndView projectForm(ScopedUser user, BrandProject project, FormValues form, HttpStatus status) {
		ModelAndView page = new ModelAndView("honor/brand/project-form", Map.of("view", new BrandViews.ProjectForm(
				project, form, projects.teamsFor(user), projects.sitesFor(user), projects.regionsFor(user))));
		page.setStatus(status);
		return page;
	}

	private ModelAndView awardForm(ScopedUser user, Award award, FormValues form, HttpStatus status) {
		ModelAndView page = new ModelAndView("honor/brand/award-form", Map.of("view", new BrandViews.AwardForm(award,
				form, projectsIn(user), projects.teamsFor(user), projects.sitesFor(user), List.of(AwardLevel.values()),
				List.of(Awards.Subject.values()), awards.properties().documentMaxBytes() / (1024 * 1024))));
		page.setStatus(status);
		return page;
	}

	/** The upload's bytes, or null when none was chosen. */
	private static byte[] bytes(MultipartFile file) {
		if (file == null || file.isEmpty()) {
			return null;
		}
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static FormErrors errors(BrandRefusedException ex) {
		FormErrors errors = FormErrors.none();
		ex.problems().forEach(p -> errors.add(p.field(), p.messageKey()));
		return errors;
	}

	/** A project's form fields. */
	record ProjectInput(String name, String description, String teamId, String siteId, String regionCode,
			String sinceYear, String status) {

		static ProjectInput of(BrandProject p) {
			return new ProjectInput(p.name(), p.description(), p.teamId() == null ? "" : p.teamId().toString(),
					p.siteId() == null ? "" : p.siteId().toString(), p.regionCode(),
					p.sinceYear() == null ? "" : p.sinceYear().toString(), p.status());
		}

		BrandProjects.Draft draft() {
			return new BrandProjects.Draft(name, description, teamId, siteId, regionCode, sinceYear, status);
		}

		Map<String, String> values() {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("name", name);
			values.put("description", description);
			values.put("teamId", teamId);
			values.put("siteId", siteId);
			values.put("regionCode", regionCode);
			values.put("sinceYear", sinceYear);
			values.put("status", status);
			return values;
		}
	}

	/** An award's form fields: the subject's kind and, in the field of that kind, its id. */
	record AwardInput(String subject, String projectId, String teamId, String siteId, String volunteerId, String title,
			String issuer, String level, String year) {

		static AwardInput of(Award a) {
			String id = String.valueOf(a.subjectId());
			return new AwardInput(a.subjectKind(), a.subjectKind().equals("PROJECT") ? id : "",
					a.subjectKind().equals("TEAM") ? id : "", a.subjectKind().equals("SITE") ? id : "",
					a.subjectKind().equals("VOLUNTEER") ? id : "", a.title(), a.issuer(), a.level().name(),
					String.valueOf(a.year()));
		}

		Awards.Draft draft() {
			String id = subject == null ? null : switch (subject) {
				case "PROJECT" -> projectId;
				case "TEAM" -> teamId;
				case "SITE" -> siteId;
				case "VOLUNTEER" -> volunteerId;
				default -> null;
			};
			return new Awards.Draft(subject, id, title, issuer, level, year);
		}

		Map<String, String> values() {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("subject", subject);
			values.put("projectId", projectId);
			values.put("teamId", teamId);
			values.put("siteId", siteId);
			values.put("volunteerId", volunteerId);
			values.put("title", title);
			values.put("issuer", issuer);
			values.put("level", level);
			values.put("year", year);
			return values;
		}
	}
}
