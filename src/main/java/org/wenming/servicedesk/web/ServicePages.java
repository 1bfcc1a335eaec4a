package org.wenming.servicedesk.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.PracticeSite;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.region.Regions;
import org.wenming.servicedesk.menu.MenuItems;
import org.wenming.servicedesk.menu.SiteOffer;

/**
 * The public service pages (我要点单): pick a village or community and see what its station, its town's
 * institute and its county's centre offer; one site's menu. Only active items, never anyone's data.
 */
@Controller
class ServicePages extends PageController {

	private final MenuItems menus;

	private final Regions regions;

	private final PracticeSites sites;

	ServicePages(MenuItems menus, Regions regions, PracticeSites sites) {
		this.menus = menus;
		this.regions = regions;
		this.sites = sites;
	}

	@GetMapping("/service")
	ModelAndView browse(@RequestParam(required = false) String region,
			@RequestParam(name = "code", required = false) List<String> codes,
			@RequestParam(required = false) String lat, @RequestParam(required = false) String lon) {
		String wanted = QueryParameters.regionCode("region", region);
		java.math.BigDecimal[] position = ServiceMenuApiController.position(lat, lon);
		if (wanted == null && position != null) {
			// a shared position: the menus of the place of the nearest site
			wanted = menus.nearestRegion(position[0], position[1]).orElse(null);
		}
		if (wanted == null && codes != null) {
			// without scripts the picker's selects are sent as they stand: the deepest chosen one counts
			for (String code : codes) {
				String checked = QueryParameters.regionCode("region", code);
				if (checked != null && (wanted == null || checked.length() > wanted.length())) {
					wanted = checked;
				}
			}
		}
		Optional<Region> picked = wanted == null ? Optional.empty() : regions.find(wanted);
		if (wanted != null && picked.isEmpty()) {
			throw new RecordNotFound();
		}
		String city = sites.homeCity().code();
		Region shown = picked.orElse(null);
		boolean tooHigh = shown != null && shown.level().depth() < RegionLevel.COUNTY.depth();
		List<SiteOffer> offers = shown == null ? List.of() : menus.offers(shown.code());
		return new ModelAndView("servicedesk/service", Map.of("view", new ServiceView(shown,
				regions.choice("region", city, shown == null ? null : shown.code()), offers, tooHigh)));
	}

	@GetMapping("/service/sites/{id}")
	ModelAndView site(@PathVariable String id) {
		PracticeSite site = sites.find(QueryParameters.id(id)).orElseThrow(RecordNotFound::new);
		SiteOffer offer = new SiteOffer(site.id(), site.name(), site.kind().name(), site.regionCode(), site.regionPath(),
				menus.activeItemsOf(site.id()));
		return new ModelAndView("servicedesk/service-site", Map.of("offer", offer));
	}
}
