package org.wenming.region.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.PageController;
import org.wenming.platform.RecordNotFound;
import org.wenming.platform.InvalidInputException;
import org.wenming.region.FieldProblem;
import org.wenming.region.PracticeSite;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.RegionChoice;
import org.wenming.region.Regions;
import org.wenming.region.SiteDraft;
import org.wenming.region.SiteKind;
import org.wenming.region.SitePage;
import org.wenming.region.SiteQuery;
import org.wenming.region.SiteRefusedException;
import org.wenming.region.SiteRules;
import org.wenming.region.StaleSiteException;
import org.wenming.shared.ScopedUser;

/** Site management pages for staff, confined to their data scope. */
@Controller
@RequestMapping("/admin/sites")
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF', 'SITE_ADMIN')")
class SiteAdminController extends PageController {

	static final int PAGE_SIZE = 20;

	private final PracticeSites sites;

	private final Regions regions;

	SiteAdminController(PracticeSites sites, Regions regions) {
		this.sites = sites;
		this.regions = regions;
	}

	@GetMapping
	ModelAndView list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String region,
			@RequestParam(required = false) String kind, @RequestParam(defaultValue = "false") boolean demonstration,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page) {
		Region start = sites.staffRegion(QueryParameters.regionCode("region", region), user)
				.orElseThrow(() -> new InvalidInputException("region", "is not a known region"));
		SiteKind kindFilter = SiteDirectoryController.kind(kind);
		SiteQuery query = new SiteQuery(start, kindFilter, demonstration, QueryParameters.searchText("q", q), Paging.page(page),
				PAGE_SIZE);
		SitePage found = sites.list(query, user.scope());
		DirectoryView links = new DirectoryView("/admin/sites", start, List.of(), List.of(), found, kindFilter,
				demonstration, query.text());
		return new ModelAndView("region/admin-list", Map.of("view", new AdminListView(start, links, found)));
	}

	@GetMapping("/new")
	ModelAndView newSite(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String region) {
		Region start = sites.staffRegion(QueryParameters.regionCode("region", region), user)
				.orElseThrow(() -> new InvalidInputException("region", "is not a known region"));
		return form(SiteFormView.of(null, SiteForm.empty(start.code()), List.of(), false), HttpStatus.OK)
			.addObject("region", regionChoice(user, start.code()));
	}

	@PostMapping("/new")
	ModelAndView create(@AuthenticationPrincipal ScopedUser user, @ModelAttribute SiteForm form) {
		List<FieldProblem> problems = new ArrayList<>();
		SiteDraft draft = form.draft(problems);
		try {
			if (!problems.isEmpty()) {
				throw refusedWithAll(problems, draft, true);
			}
			PracticeSite site = sites.create(draft, user);
			return new ModelAndView("redirect:/admin/sites/" + site.id() + "/edit?saved=true");
		}
		catch (SiteRefusedException ex) {
			return form(SiteFormView.of(null, form, ex.problems(), false), HttpStatus.BAD_REQUEST)
				.addObject("region", regionChoice(user, form.regionCode()));
		}
	}

	/** A new site's region is picked inside the staff member's own region. */
	private RegionChoice regionChoice(ScopedUser user, String selected) {
		String root = user.scope().isEverything() ? sites.homeCity().code() : user.scope().regionCode();
		return regions.choice("regionCode", root, selected, true);
	}

	@GetMapping("/{id}/edit")
	ModelAndView edit(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(defaultValue = "false") boolean saved) {
		PracticeSite site = sites.findForStaff(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
		ModelAndView page = form(SiteFormView.of(site, SiteForm.of(site), List.of(), false), HttpStatus.OK);
		page.addObject("saved", saved);
		return page;
	}

	@PostMapping("/{id}/edit")
	ModelAndView update(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@ModelAttribute SiteForm form) {
		PracticeSite site = sites.findForStaff(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
		List<FieldProblem> problems = new ArrayList<>();
		SiteDraft draft = form.draft(problems);
		try {
			if (!problems.isEmpty()) {
				throw refusedWithAll(problems, draft, false);
			}
			sites.update(site.id(), form.versionOrInvalid(), draft, user).orElseThrow(RecordNotFound::new);
			return new ModelAndView("redirect:/admin/sites/" + site.id() + "/edit?saved=true");
		}
		catch (SiteRefusedException ex) {
			return form(SiteFormView.of(site, form, ex.problems(), false), HttpStatus.BAD_REQUEST);
		}
		catch (StaleSiteException ex) {
			return form(SiteFormView.of(site, form, List.of(), true), HttpStatus.CONFLICT);
		}
	}

	/** Type errors and rule errors together, so the person sees every problem at once. */
	private static SiteRefusedException refusedWithAll(List<FieldProblem> typeProblems, SiteDraft draft,
			boolean creating) {
		List<FieldProblem> all = new ArrayList<>(typeProblems);
		all.addAll(SiteRules.check(draft.trimmed(), creating));
		return new SiteRefusedException(all);
	}

	private static ModelAndView form(SiteFormView view, HttpStatus status) {
		ModelAndView page = new ModelAndView("region/admin-form", status);
		page.addObject("view", view);
		page.addObject("saved", false);
		return page;
	}
}
