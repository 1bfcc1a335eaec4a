package org.wenming.portal.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.activity.Activities;
import org.wenming.activity.ActivityListing;
import org.wenming.catalogue.CatalogueFigures;
import org.wenming.honor.HonorFigures;
import org.wenming.insight.Dashboard;
import org.wenming.insight.DashboardFigures;
import org.wenming.newsroom.Article;
import org.wenming.newsroom.Articles;
import org.wenming.platform.PageContext;
import org.wenming.platform.PageController;
import org.wenming.platform.search.SearchKind;
import org.wenming.portal.Search;
import org.wenming.region.Region;
import org.wenming.region.Regions;

/**
 * The home page ({@code /}): what a resident comes for — search, report a problem, order a service, volunteer,
 * nominate — then the next activities (of a county, {@code ?near=}), the latest news, the honours and the city's
 * figures. A handful of short indexed queries per request: the figures come from the dashboard's cache, the
 * counties and the catalogue's counts are kept here a short while; the honours' counts are read every time (a
 * withdrawn consent leaves them at the next request).
 */
@Controller
class HomePages extends PageController {

	static final int ITEMS = 6;

	static final int ITEMS_ELDERLY = 3;

	static final int NEWS = 5;

	static final int HONOURS = 3;

	private final Dashboard dashboard;

	private final Regions regions;

	private final Activities activities;

	private final Articles articles;

	private final HonorFigures honours;

	private final CatalogueFigures catalogue;

	private final Search search;

	private final Cache<String, Object> kept;

	HomePages(Dashboard dashboard, Regions regions, Activities activities, Articles articles, HonorFigures honours,
			CatalogueFigures catalogue, Search search) {
		this.dashboard = dashboard;
		this.regions = regions;
		this.activities = activities;
		this.articles = articles;
		this.honours = honours;
		this.catalogue = catalogue;
		this.search = search;
		this.kept = Caffeine.newBuilder().maximumSize(16)
			.expireAfterWrite(Duration.ofSeconds(Math.max(1, dashboard.refreshSeconds()))).build();
	}

	@GetMapping("/")
	ModelAndView home(@RequestParam(required = false) String near, Locale locale, @ModelAttribute("ctx") PageContext ctx) {
		Region city = dashboard.homeCity();
		List<Region> counties = counties(city);
		// a county of the city, or the whole city for anything else (a stale link, garbage): the page never refuses
		Region chosen = near == null || near.length() > 12 ? null
				: counties.stream().filter(c -> c.code().equals(near.strip())).findFirst().orElse(null);
		int items = ctx.elderly() ? ITEMS_ELDERLY : ITEMS;
		Region shown = chosen == null ? city : chosen;
		List<ActivityListing> upcoming = activities.upcoming(shown.path(), items);
		List<Article> news = articles.published(null, 1, ctx.elderly() ? ITEMS_ELDERLY : NEWS).articles();
		DashboardFigures figures = dashboard.figures(city, dashboard.year(null, city), locale);
		HomeView view = new HomeView(chosen == null ? "" : chosen.code(), city, counties, upcoming, news,
				honours.counts(city.scope()), search.latest(SearchKind.HONOUR, HONOURS), figures.headline(),
				figures.completionToDateTotal() == null ? null : figures.completionToDateTotal().rate(),
				services(city));
		return new ModelAndView("portal/home", Map.of("home", view));
	}

	@SuppressWarnings("unchecked")
	private List<Region> counties(Region city) {
		return (List<Region>) kept.get("counties:" + city.code(), k -> List.copyOf(regions.children(city.code())));
	}

	private CatalogueFigures.Counts services(Region city) {
		return (CatalogueFigures.Counts) kept.get("services:" + city.code(), k -> catalogue.counts(city.scope()));
	}
}
