package org.wenming.region.web;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.PageSections;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.PageController;
import org.wenming.platform.RecordNotFound;
import org.wenming.platform.InvalidInputException;
import org.wenming.region.PracticeSite;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.region.SiteKind;
import org.wenming.region.SiteQuery;
import org.wenming.shared.DataScope;

/** The public site directory (实践阵地) browsable by region, and the page of each site. */
@Controller
class SiteDirectoryController extends PageController {

	static final int PAGE_SIZE = 20;

	private final PracticeSites sites;

	private final Regions regions;

	/** Sections other modules add to a site's page (brand projects and awards, ...). */
	private final ObjectProvider<PageSections> sections;

	SiteDirectoryController(PracticeSites sites, Regions regions, ObjectProvider<PageSections> sections) {
		this.sites = sites;
		this.regions = regions;
		this.sections = sections;
	}

	@GetMapping("/sites")
	ModelAndView directory(@RequestParam(required = false) String region, @RequestParam(required = false) String kind,
			@RequestParam(defaultValue = "false") boolean demonstration, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page) {
		String code = QueryParameters.regionCode("region", region);
		Region current = code == null ? sites.homeCity() : regions.find(code).orElseThrow(RecordNotFound::new);
		SiteKind kindFilter = kind(kind);
		SiteQuery query = new SiteQuery(current, kindFilter, demonstration, QueryParameters.searchText("q", q),
				Paging.page(page), PAGE_SIZE);
		DirectoryView view = new DirectoryView("/sites", current, regions.breadcrumb(current),
				sites.directoryCountByChild(query, DataScope.EVERYTHING), sites.directory(query, DataScope.EVERYTHING), kindFilter,
				demonstration, query.text());
		return new ModelAndView("region/directory", Map.of("view", view));
	}

	@GetMapping("/sites/{id}")
	ModelAndView site(@PathVariable String id) {
		PracticeSite site = sites.find(QueryParameters.id(id)).orElseThrow(RecordNotFound::new);
		Region region = regions.find(site.regionCode()).orElseThrow(RecordNotFound::new);
		return new ModelAndView("region/site", Map.of("view", new SiteView(site, regions.breadcrumb(region)), "sections",
				PageSections.site(sections.orderedStream().toList(), site.id(), LocaleContextHolder.getLocale())));
	}

	static SiteKind kind(String kind) {
		if (kind == null || kind.isEmpty()) {
			return null;
		}
		return SiteKind.parse(kind).orElseThrow(() -> new InvalidInputException("kind", "is not a kind of site"));
	}
}
