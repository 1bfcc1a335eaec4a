package org.wenming.servicedesk.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.Regions;
import org.wenming.servicedesk.menu.MenuItem;
import org.wenming.servicedesk.menu.MenuItems;
import org.wenming.servicedesk.menu.SiteOffer;

/** What a village or community may order, as JSON (public: the sites' menus, nobody's data). */
@RestController
@RequestMapping("/api/v1/service")
class ServiceMenuApiController {

	/** One item as the public see it. */
	record ItemJson(long id, String name, String category, String categoryName, String description, String eligibility,
			Integer leadDays, boolean atHome) {
	}

	/** A site with its active items. */
	record SiteJson(long siteId, String siteName, String kind, String regionCode, List<ItemJson> items) {
	}

	/** The village asked for and what it is offered, nearest site first. */
	record MenuJson(String region, List<SiteJson> sites) {
	}

	private final MenuItems menus;

	private final Regions regions;

	private final MessageSource messages;

	ServiceMenuApiController(MenuItems menus, Regions regions, MessageSource messages) {
		this.menus = menus;
		this.regions = regions;
		this.messages = messages;
	}

	/**
	 * The menu of a village ({@code ?region=}), or of the place nearest a shared position ({@code ?lat=&lon=}:
	 * the region of the nearest practice site with coordinates; an empty list when none has any).
	 */
	@GetMapping("/menu")
	MenuJson menu(@RequestParam(required = false) String region, @RequestParam(required = false) String lat,
			@RequestParam(required = false) String lon, Locale locale) {
		java.math.BigDecimal[] position = position(lat, lon);
		if (position != null && (region == null || region.isBlank())) {
			String near = menus.nearestRegion(position[0], position[1]).orElse(null);
			return new MenuJson(near, near == null ? List.of()
					: menus.offers(near).stream().map(o -> site(o, locale)).toList());
		}
		String code = QueryParameters.regionCode("region", region);
		if (code == null) {
			throw new InvalidInputException("region", "is required (or lat and lon)");
		}
		if (regions.find(code).isEmpty()) {
			throw new RecordNotFound();
		}
		if (code.length() < 6) {
			throw new InvalidInputException("region", "must be a county, town, village or community");
		}
		List<SiteJson> sites = menus.offers(code).stream().map(o -> site(o, locale)).toList();
		return new MenuJson(code, sites);
	}

	/**
	 * A shared position, both or neither.
	 *
	 * @return null when neither is given
	 * @throws InvalidInputException naming {@code lat} or {@code lon}: missing while the other is given, not a
	 *     number, or out of range
	 */
	static java.math.BigDecimal[] position(String lat, String lon) {
		boolean hasLat = lat != null && !lat.isBlank();
		boolean hasLon = lon != null && !lon.isBlank();
		if (!hasLat && !hasLon) {
			return null;
		}
		return new java.math.BigDecimal[] { coordinate("lat", lat, 90), coordinate("lon", lon, 180) };
	}

	private static java.math.BigDecimal coordinate(String field, String text, int max) {
		if (text == null || !text.strip().matches("-?\\d{1,3}(\\.\\d{1,10})?")) {
			throw new InvalidInputException(field, "must be a number of degrees");
		}
		java.math.BigDecimal value = new java.math.BigDecimal(text.strip());
		if (value.abs().compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
			throw new InvalidInputException(field, "must be between -" + max + " and " + max);
		}
		return value;
	}

	private SiteJson site(SiteOffer offer, Locale locale) {
		return new SiteJson(offer.siteId(), offer.siteName(), offer.kind(), offer.regionCode(),
				offer.items().stream().map(i -> item(i, locale)).toList());
	}

	private ItemJson item(MenuItem item, Locale locale) {
		return new ItemJson(item.id(), item.name(), item.category(),
				messages.getMessage(item.categoryKey(), null, item.category(), locale), item.description(),
				item.eligibility(), item.leadDays(), item.atHome());
	}
}
