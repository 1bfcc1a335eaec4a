package org.wenming.portal.web;

import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.PageController;
import org.wenming.platform.Paging;
import org.wenming.platform.search.SearchKind;
import org.wenming.portal.Search;

/**
 * The search page ({@code /search?q=}): one box over news, services, activities, sites, teams and honours,
 * the results grouped by kind; {@code kind=} shows one kind, 20 a page.
 */
@Controller
class SearchPages extends PageController {

	static final int PAGE_SIZE = 20;

	private final Search search;

	SearchPages(Search search) {
		this.search = search;
	}

	@GetMapping("/search")
	ModelAndView search(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String page) {
		SearchKind only = SearchRequests.kind(kind);
		int p = Paging.page(page);
		Search.Results results = search.search(q, only, p * PAGE_SIZE, PAGE_SIZE);
		return new ModelAndView("portal/search", Map.of("results", results, "kind", only == null ? "" : only.name(),
				"page", p, "pageSize", PAGE_SIZE));
	}
}
