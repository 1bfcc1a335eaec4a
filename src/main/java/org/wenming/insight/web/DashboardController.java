package org.wenming.insight.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.wenming.assessment.AssessmentFigures;
import org.wenming.catalogue.CatalogueFigures;
import org.wenming.honor.HonorFigures;
import org.wenming.insight.Dashboard;
import org.wenming.insight.DashboardFigures;
import org.wenming.platform.PageContext;
import org.wenming.platform.PageController;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.servicedesk.ServiceDeskFigures;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The public dashboard page (数据大屏), no sign-in: the city or one of its counties, a year with data;
 * anything else is refused with 400. A visitor who is not signed in gets the same page as every
 * other such visitor, so that page is rendered once per region, year and language and kept as long as
 * the figures themselves (a wall screen and many phones cost one rendering per interval).
 */
@Controller
class DashboardController extends PageController {

	private final Dashboard dashboard;

	private final Regions regions;

	private final TemplateEngine templates;

	private final Cache<List<Object>, String> anonymousPages;

	private final AssessmentFigures assessment;

	private final ServiceDeskFigures serviceDesk;

	private final HonorFigures honours;

	private final CatalogueFigures catalogue;

	/** Where the catalogue's panel goes: rendered with the page (and cached with it; no person in it). */
	static final String CATALOGUE_PANEL = "<div data-catalogue-panel hidden></div>";

	/** Where the roll's panel goes in a (cached) page: it is rendered at every request. */
	static final String HONOR_PANEL = "<div data-honor-panel hidden></div>";

	DashboardController(Dashboard dashboard, Regions regions, TemplateEngine templates, AssessmentFigures assessment,
			ServiceDeskFigures serviceDesk, HonorFigures honours, CatalogueFigures catalogue) {
		this.honours = honours;
		this.catalogue = catalogue;
		this.assessment = assessment;
		this.serviceDesk = serviceDesk;
		this.dashboard = dashboard;
		this.regions = regions;
		this.templates = templates;
		this.anonymousPages = Caffeine.newBuilder().maximumSize(500)
			.expireAfterWrite(Duration.ofSeconds(dashboard.refreshSeconds())).build();
	}

	@GetMapping("/dashboard")
	ResponseEntity<String> page(@RequestParam(required = false) String region,
			@RequestParam(required = false) String year, Locale locale, @ModelAttribute("ctx") PageContext ctx,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		Region chosen = dashboard.publicRegion(region);
		int shownYear = dashboard.year(year, chosen);
		String html = ctx.signedIn() ? render(chosen, shownYear, locale, ctx)
				: anonymousPages.get(List.of(chosen.code(), shownYear, locale.toLanguageTag(), ctx.path(), ctx.elderly()),
						k -> render(chosen, shownYear, locale, ctx));
		// the roll's counts are never cached: a withdrawn consent leaves them at the next request
		html = html.replace(HONOR_PANEL, honorPanel(chosen, ctx));
		// the language and elderly mode come from the request's header and cookies: a shared cache in front
		// of the nodes must keep those answers apart
		if (ctx.signedIn()) {
			return ResponseEntity.ok().varyBy(HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.COOKIE)
				.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
				.cacheControl(CacheControl.noStore()).body(html);
		}
		// the page carries the roll's counts: a browser or a shared cache may keep it but must ask again every time
		// (no-cache), and gets 304 while the whole page (the honours panel included) is what it holds
		String etag = etag(html);
		if (ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(","))
			.map(t -> t.strip().replaceFirst("^W/", "")).anyMatch(t -> t.equals(etag) || t.equals("*"))) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
				.varyBy(HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.COOKIE).eTag(etag).cacheControl(CacheControl.noCache())
				.build();
		}
		return ResponseEntity.ok().varyBy(HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.COOKIE)
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.eTag(etag).cacheControl(CacheControl.noCache()).body(html);
	}

	/** A strong validator of the page as answered: its SHA-256, 128 bits of it, quoted. */
	static String etag(String html) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(html.getBytes(StandardCharsets.UTF_8));
			return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String honorPanel(Region region, PageContext ctx) {
		StringOutput output = new StringOutput(2 * 1024);
		templates.render("insight/honor-panel.jte",
				Map.of("ctx", ctx, "panel", new HonorPanel(honours.counts(region.scope()), "/honor")), output);
		return output.toString();
	}

	private String render(Region region, int year, Locale locale, PageContext ctx) {
		DashboardFigures figures = dashboard.figures(region, year, locale);
		Region city = dashboard.homeCity();
		List<Region> choices = new ArrayList<>();
		choices.add(city);
		choices.addAll(regions.children(city.code()));
		StringOutput output = new StringOutput(64 * 1024);
		// the field assessment of the city (or of the county chosen), as its latest closed round and trend
		AssessmentPanel panel = new AssessmentPanel(assessment.latestClosed(city.path(), region.scope()).orElse(null),
				assessment.trend(city.path(), region.scope()), null);
		templates.render("insight/dashboard.jte",
				Map.of("ctx", ctx, "view", new DashboardView(figures, choices), "assessment", panel, "serviceDesk",
						new ServiceDeskPanel(serviceDesk.year(region, year), null)),
				output);
		StringOutput services = new StringOutput(2 * 1024);
		templates.render("insight/catalogue-panel.jte",
				Map.of("ctx", ctx, "panel", new CataloguePanel(catalogue.counts(region.scope()), "/services")), services);
		return output.toString().replace(CATALOGUE_PANEL, services.toString());
	}
}
