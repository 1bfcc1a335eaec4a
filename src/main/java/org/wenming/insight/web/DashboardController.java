package org.wenming.insight.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.insight.Dashboard;
import org.wenming.insight.DashboardFigures;
import org.wenming.region.Region;
import org.wenming.region.Regions;

/**
 * The public dashboard (数据大屏): the page at {@code /dashboard} and its JSON at
 * {@code /api/v1/dashboard}, no sign-in. Region: the city or one of its counties; year: one with
 * data. Anything else is refused with 400 naming the parameter.
 */
@Controller
class DashboardController extends org.wenming.platform.PageController {

	private final Dashboard dashboard;

	private final Regions regions;

	DashboardController(Dashboard dashboard, Regions regions) {
		this.dashboard = dashboard;
		this.regions = regions;
	}

	@GetMapping("/dashboard")
	ModelAndView page(@RequestParam(required = false) String region, @RequestParam(required = false) String year,
			Locale locale) {
		Region chosen = dashboard.publicRegion(region);
		DashboardFigures figures = dashboard.figures(chosen, dashboard.year(year, chosen), locale);
		Region city = dashboard.homeCity();
		List<Region> choices = new java.util.ArrayList<>();
		choices.add(city);
		choices.addAll(regions.children(city.code()));
		return new ModelAndView("insight/dashboard", Map.of("view", new DashboardView(figures, choices)));
	}
}
