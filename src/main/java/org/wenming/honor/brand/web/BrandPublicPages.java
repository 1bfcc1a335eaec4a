package org.wenming.honor.brand.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.honor.brand.Award;
import org.wenming.honor.brand.BrandProject;
import org.wenming.platform.PageController;

/**
 * The public page of the city's volunteer service brands ({@code /honor/brands}): the active projects by
 * county, each with its awards, and the awards of teams and sites. Never a volunteer's award.
 */
@Controller
class BrandPublicPages extends PageController {

	private final BrandCatalogue catalogue;

	BrandPublicPages(BrandCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	@GetMapping("/honor/brands")
	ModelAndView brands() {
		BrandCatalogue.Listing listing = catalogue.city();
		Map<String, List<BrandViews.ProjectAwards>> byCounty = new LinkedHashMap<>();
		for (BrandProject p : listing.projects()) {
			String county = listing.countyName(p.regionPath());
			List<Award> awards = listing.awards().stream()
				.filter(a -> a.subjectKind().equals("PROJECT") && a.subjectId() == p.id()).toList();
			byCounty.computeIfAbsent(county, c -> new ArrayList<>()).add(new BrandViews.ProjectAwards(p, awards));
		}
		List<BrandViews.CountyProjects> counties = byCounty.entrySet().stream()
			.map(e -> new BrandViews.CountyProjects(e.getKey(), e.getValue())).toList();
		List<Award> others = listing.awards().stream().filter(a -> !a.subjectKind().equals("PROJECT")).toList();
		return new ModelAndView("honor/brand/public", Map.of("view",
				new BrandViews.Public(listing.city().name(), counties, others)));
	}
}
