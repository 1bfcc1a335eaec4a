package org.wenming.insight.web;

import java.time.Duration;
import java.util.Locale;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.insight.Dashboard;
import org.wenming.insight.DashboardFigures;
import org.wenming.region.Region;

/** The public dashboard's figures as JSON: {@code GET /api/v1/dashboard?region=4412&year=2026}, no sign-in. */
@RestController
class DashboardApiController {

	private final Dashboard dashboard;

	DashboardApiController(Dashboard dashboard) {
		this.dashboard = dashboard;
	}

	@GetMapping("/api/v1/dashboard")
	ResponseEntity<DashboardFigures> figures(@RequestParam(required = false) String region,
			@RequestParam(required = false) String year, Locale locale) {
		Region chosen = dashboard.publicRegion(region);
		DashboardFigures figures = dashboard.figures(chosen, dashboard.year(year, chosen), locale);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofSeconds(dashboard.refreshSeconds())).cachePublic())
			.body(figures);
	}
}
