package org.wenming.catalogue.web;

import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.catalogue.Catalogue;
import org.wenming.catalogue.CatalogueItem;
import org.wenming.platform.PageController;
import org.wenming.platform.Paging;
import org.wenming.region.Region;
import org.wenming.region.Regions;

/**
 * The public pages of the catalogue: the search ({@code /services}: a search box, filters by department and scope
 * tag, the results a page at a time) and one item ({@code /services/{code}}).
 */
@Controller
class CataloguePages extends PageController {

	static final int PAGE_SIZE = 20;

	private final Catalogue catalogue;

	private final HomeCatalogue home;

	private final Regions regions;

	CataloguePages(Catalogue catalogue, HomeCatalogue home, Regions regions) {
		this.catalogue = catalogue;
		this.home = home;
		this.regions = regions;
	}

	@GetMapping("/services")
	ModelAndView search(@RequestParam(required = false) String q, @RequestParam(required = false) String department,
			@RequestParam(required = false) String scope, @RequestParam(required = false) String page) {
		Region city = home.city();
		Catalogue.Query query = home.query(q, department, scope);
		Paging.Page<CatalogueItem> results = catalogue.search(query, Paging.page(page), PAGE_SIZE);
		return new ModelAndView("catalogue/search", Map.of("view", new CatalogueViews.Search("/services", city.name(),
				query.text(), query.department(), query.scope() == null ? "" : query.scope().name(),
				catalogue.departments(city.scope()), results)));
	}

	@GetMapping("/services/{code}")
	ModelAndView item(@PathVariable String code) {
		CatalogueItem item = home.item(code);
		String regionName = regions.find(item.regionCode()).map(Region::name).orElse(item.regionCode());
		return new ModelAndView("catalogue/item", Map.of("view", new CatalogueViews.Item(item, regionName)));
	}
}
