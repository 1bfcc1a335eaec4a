package org.wenming.portal.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.platform.Paging;
import org.wenming.platform.search.SearchKind;
import org.wenming.portal.Search;

/** {@code GET /api/v1/search?q=&kind=&page=}: the same answer as the page, as JSON. */
@RestController
class SearchApi {

	private final Search search;

	SearchApi(Search search) {
		this.search = search;
	}

	@GetMapping("/api/v1/search")
	Search.Results search(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String page) {
		SearchKind only = SearchRequests.kind(kind);
		return search.search(q, only, Paging.page(page) * SearchPages.PAGE_SIZE, SearchPages.PAGE_SIZE);
	}
}
