package org.wenming.region.web;

import java.net.URI;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.InvalidInputException;
import org.wenming.region.PracticeSite;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.SiteKind;
import org.wenming.region.SitePage;
import org.wenming.region.SiteQuery;
import org.wenming.region.SiteRefusedException;
import org.wenming.region.StaleSiteException;
import org.wenming.shared.ScopedUser;

/** Site management for staff over JSON, confined to the caller's data scope. */
@RestController
@RequestMapping("/api/v1/admin/sites")
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF', 'SITE_ADMIN')")
class SiteAdminApiController {

	/** Large enough to fetch a whole city's network in one call. */
	static final int SIZE_MAX = 2000;

	private final PracticeSites sites;

	private final MessageSource messages;

	SiteAdminApiController(PracticeSites sites, MessageSource messages) {
		this.sites = sites;
		this.messages = messages;
	}

	@GetMapping
	Paging.Page<StaffSiteJson> list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String region,
			@RequestParam(required = false) SiteKind kind, @RequestParam(defaultValue = "false") boolean demonstration,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		Region start = sites.staffRegion(QueryParameters.regionCode("region", region), user)
				.orElseThrow(() -> new InvalidInputException("region", "is not a known region"));
		SitePage found = sites.list(new SiteQuery(start, kind, demonstration, QueryParameters.searchText("q", q),
				Paging.page(page), Paging.size(size, SIZE_MAX)), user.scope());
		return new Paging.Page<>(found.items().stream().map(StaffSiteJson::of).toList(), found.total(), found.page(),
				found.size(), found.pages());
	}

	@GetMapping("/{id}")
	StaffSiteJson site(@AuthenticationPrincipal ScopedUser user, @PathVariable long id) {
		return StaffSiteJson.of(sites.findForStaff(id, user).orElseThrow(SiteAdminApiController::notFound));
	}

	@PostMapping
	ResponseEntity<StaffSiteJson> create(@AuthenticationPrincipal ScopedUser user, @RequestBody SiteInput input) {
		PracticeSite site = sites.create(input.draft(), user);
		return ResponseEntity.created(URI.create("/api/v1/admin/sites/" + site.id())).body(StaffSiteJson.of(site));
	}

	@PutMapping("/{id}")
	StaffSiteJson update(@AuthenticationPrincipal ScopedUser user, @PathVariable long id, @RequestBody SiteInput input) {
		if (input.version() == null) {
			throw new InvalidInputException("version", "is required: the version of the site you edited");
		}
		return StaffSiteJson.of(sites.update(id, input.version(), input.draft(), user)
				.orElseThrow(SiteAdminApiController::notFound));
	}

	@ExceptionHandler(SiteRefusedException.class)
	ProblemDetail refused(SiteRefusedException ex, Locale locale) {
		return SiteProblems.refused(ex.problems(), messages, locale);
	}

	@ExceptionHandler(StaleSiteException.class)
	ResponseEntity<ProblemDetail> stale() {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(SiteProblems.stale());
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

}
