package org.wenming.region.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.region.PracticeSite;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.region.SiteKind;
import org.wenming.region.SitePage;
import org.wenming.region.SiteQuery;
import org.wenming.shared.DataScope;

/** The practice network as open data: public fields only. */
@RestController
@RequestMapping("/api/v1/sites")
class SiteApiController {

	static final int SIZE_MAX = 200;

	private final PracticeSites sites;

	private final Regions regions;

	SiteApiController(PracticeSites sites, Regions regions) {
		this.sites = sites;
		this.regions = regions;
	}

	@GetMapping
	Paging.Page<PublicSiteJson> list(@RequestParam(required = false) String region,
			@RequestParam(required = false) SiteKind kind, @RequestParam(defaultValue = "false") boolean demonstration,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		String code = QueryParameters.regionCode("region", region);
		Region current = code == null ? sites.homeCity()
				: regions.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		SitePage found = sites.directory(new SiteQuery(current, kind, demonstration, QueryParameters.searchText("q", q),
				Paging.page(page), Paging.size(size, SIZE_MAX)), DataScope.EVERYTHING);
		return new Paging.Page<>(found.items().stream().map(s -> PublicSiteJson.of(s, null)).toList(), found.total(),
				found.page(), found.size(), found.pages());
	}

	@GetMapping("/{id}")
	PublicSiteJson site(@PathVariable long id) {
		PracticeSite site = sites.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Region region = regions.find(site.regionCode()).orElseThrow();
		return PublicSiteJson.of(site, regions.breadcrumb(region).stream().map(RegionJson::of).toList());
	}
}
