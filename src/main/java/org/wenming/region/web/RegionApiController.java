package org.wenming.region.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.InvalidInputException;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;

/** The division tree, public: one region with its breadcrumb, its children, and name search. */
@RestController
@RequestMapping("/api/v1/regions")
class RegionApiController {

	static final int SEARCH_LIMIT_MAX = 100;

	private final Regions regions;

	RegionApiController(Regions regions) {
		this.regions = regions;
	}

	@GetMapping("/{code}")
	RegionJson region(@PathVariable String code) {
		Region region = existing(code);
		return RegionJson.of(region, regions.breadcrumb(region));
	}

	@GetMapping("/{code}/children")
	List<RegionJson> children(@PathVariable String code) {
		return regions.children(existing(code).code()).stream().map(RegionJson::of).toList();
	}

	@GetMapping
	List<RegionJson> search(@RequestParam String q, @RequestParam(defaultValue = "20") int limit) {
		String text = QueryParameters.searchText("q", q);
		if (text == null) {
			throw new InvalidInputException("q", "is required");
		}
		if (limit < 1 || limit > SEARCH_LIMIT_MAX) {
			throw new InvalidInputException("limit", "must be between 1 and " + SEARCH_LIMIT_MAX);
		}
		return regions.search(text, DataScope.EVERYTHING, limit).stream().map(RegionJson::of).toList();
	}

	private Region existing(String code) {
		return regions.find(QueryParameters.regionCode("code", code))
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
