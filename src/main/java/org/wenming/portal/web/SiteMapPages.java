package org.wenming.portal.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.wenming.platform.PageController;
import org.wenming.portal.SiteMap;

/**
 * The site map: {@code /sitemap} for people (every public section, grouped), {@code /sitemap.xml} (a sitemap
 * index) and its pages {@code /sitemap-<n>.xml} for crawlers, and {@code /robots.txt} naming the index. The
 * addresses are absolute from the request's scheme and host (no setting names the public address).
 */
@Controller
class SiteMapPages extends PageController {

	static final List<SiteMapGroup> GROUPS = List.of(
			new SiteMapGroup("portal.sitemap.services", List.of(new SiteMapGroup.Link("/cases/report", "portal.sitemap.report"),
					new SiteMapGroup.Link("/service", "portal.sitemap.order"), new SiteMapGroup.Link("/services", "portal.sitemap.catalogue"),
					new SiteMapGroup.Link("/casework/rankings", "portal.sitemap.rankings"), new SiteMapGroup.Link("/search", "portal.sitemap.search"))),
			new SiteMapGroup("portal.sitemap.volunteering", List.of(new SiteMapGroup.Link("/volunteers/register", "portal.sitemap.register"),
					new SiteMapGroup.Link("/activities", "portal.sitemap.activities"), new SiteMapGroup.Link("/teams", "portal.sitemap.teams"),
					new SiteMapGroup.Link("/sites", "portal.sitemap.sites"), new SiteMapGroup.Link("/certificates", "portal.sitemap.certificates"),
					new SiteMapGroup.Link("/ledger/transparency", "portal.sitemap.transparency"))),
			new SiteMapGroup("portal.sitemap.news", List.of(new SiteMapGroup.Link("/news", "portal.sitemap.newsList"),
					new SiteMapGroup.Link("/news/feed.atom", "portal.sitemap.newsFeed"))),
			new SiteMapGroup("portal.sitemap.honours", List.of(new SiteMapGroup.Link("/honor", "portal.sitemap.roll"),
					new SiteMapGroup.Link("/honor/notice", "portal.sitemap.notice"), new SiteMapGroup.Link("/honor/nominate", "portal.sitemap.nominate"),
					new SiteMapGroup.Link("/honor/brands", "portal.sitemap.brands"), new SiteMapGroup.Link("/honor/feed.atom", "portal.sitemap.honourFeed"))),
			new SiteMapGroup("portal.sitemap.data", List.of(new SiteMapGroup.Link("/dashboard", "portal.sitemap.dashboard"),
					new SiteMapGroup.Link("/open311/v2/discovery.xml", "portal.sitemap.open311"),
					new SiteMapGroup.Link("/open311/v2/services.xml", "portal.sitemap.open311Services"),
					new SiteMapGroup.Link("/v3/api-docs", "portal.sitemap.api"), new SiteMapGroup.Link("/sitemap.xml", "portal.sitemap.xml"))),
			new SiteMapGroup("portal.sitemap.about", List.of(new SiteMapGroup.Link("/", "portal.sitemap.home"),
					new SiteMapGroup.Link("/login", "portal.sitemap.login"))));

	private final SiteMap siteMap;

	SiteMapPages(SiteMap siteMap) {
		this.siteMap = siteMap;
	}

	@GetMapping("/sitemap")
	ModelAndView page() {
		return new ModelAndView("portal/sitemap", Map.of("groups", GROUPS));
	}

	@GetMapping(path = "/sitemap.xml", produces = "application/xml")
	void index(HttpServletResponse response) throws IOException {
		String base = base();
		xml(response);
		siteMap.writeIndex(base, response.getWriter());
	}

	@GetMapping(path = "/sitemap-{page:\\d{1,6}}.xml", produces = "application/xml")
	void page(@PathVariable int page, HttpServletResponse response) throws IOException {
		String base = base();
		if (page < 1 || page > siteMap.pages()) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		xml(response);
		Writer out = response.getWriter();
		siteMap.writePage(page, base, out);
	}

	@GetMapping(path = "/robots.txt", produces = "text/plain")
	void robots(HttpServletResponse response) throws IOException {
		String base = base();
		response.setContentType("text/plain");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.maxAge(java.time.Duration.ofHours(1)).getHeaderValue());
		// the staff's pages, the personal links and the API are no place for a crawler
		response.getWriter().write("""
				User-agent: *
				Disallow: /admin
				Disallow: /api/
				Disallow: /me/
				Disallow: /cases/follow/
				Disallow: /service/follow/
				Disallow: /honor/follow/
				Disallow: /honor/consent/
				Disallow: /honor/objections/
				Disallow: /calendar/
				Disallow: /checkin
				Disallow: /login

				Sitemap: %s/sitemap.xml
				""".formatted(base));
	}

	private static void xml(HttpServletResponse response) {
		response.setContentType("application/xml");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.maxAge(java.time.Duration.ofHours(1)).getHeaderValue());
	}

	private static String base() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
	}
}
