package org.wenming.insight.web;

import java.util.Locale;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.assessment.AssessmentFigures;
import org.wenming.insight.Cockpit;
import org.wenming.insight.CockpitFigures;
import org.wenming.insight.Dashboard;
import org.wenming.region.Region;
import org.wenming.platform.PageController;
import org.wenming.platform.ReadReplica;
import org.wenming.honor.HonorFigures;
import org.wenming.servicedesk.ServiceDeskFigures;
import org.wenming.shared.ScopedUser;

/**
 * The staff cockpit pages: {@code /admin/insight?region=&year=&month=} and its tables as XLSX and
 * PDF. A region outside the staff member's scope is not found; a malformed filter is a 400.
 */
@Controller
class CockpitController extends PageController {

	static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private final Cockpit cockpit;

	private final CockpitDocuments documents;

	private final ReadReplica replica;

	private final AssessmentFigures assessment;

	private final Dashboard dashboard;

	private final ServiceDeskFigures serviceDesk;

	private final HonorFigures honours;

	CockpitController(Cockpit cockpit, CockpitDocuments documents, ReadReplica replica, AssessmentFigures assessment,
			Dashboard dashboard, ServiceDeskFigures serviceDesk, HonorFigures honours) {
		this.honours = honours;
		this.serviceDesk = serviceDesk;
		this.assessment = assessment;
		this.dashboard = dashboard;
		this.cockpit = cockpit;
		this.documents = documents;
		this.replica = replica;
	}

	private CockpitFigures figures(ScopedUser user, String region, String year, String month) {
		Cockpit.Period period = cockpit.period(year, month);
		return cockpit.figures(cockpit.region(region, user), period, user);
	}

	@GetMapping("/admin/insight")
	ModelAndView page(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String region,
			@RequestParam(required = false) String year, @RequestParam(required = false) String month) {
		// where the figures were read from, and how far behind that is (the staff asked to see it)
		CockpitFigures figures = figures(user, region, year, month);
		Region shown = cockpit.region(region, user);
		// the service desk's orders of the region shown and the period's days (inside the staff member's scope)
		ServiceDeskPanel desk = new ServiceDeskPanel(serviceDesk.figures(shown, figures.from(), figures.to()),
				"/admin/service/statistics?region=" + shown.code());
		return new ModelAndView("insight/cockpit", Map.of("f", figures, "replica", replica.status(), "replicaMaxLag",
				replica.maxLag().toSeconds(), "assessment", assessment(shown), "serviceDesk", desk, "honours",
				new HonorPanel(honours.counts(shown.scope()), "/admin/honor/roll")));
	}

	/** The field assessment of the region shown (inside the staff member's scope, as every figure here). */
	private AssessmentPanel assessment(Region shown) {
		String city = dashboard.homeCity().path();
		return new AssessmentPanel(assessment.latestClosed(city, shown.scope()).orElse(null),
				assessment.trend(city, shown.scope()), "/admin/assessment/scores");
	}

	@GetMapping("/admin/insight/export.xlsx")
	ResponseEntity<byte[]> xlsx(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String region,
			@RequestParam(required = false) String year, @RequestParam(required = false) String month, Locale locale) {
		CockpitFigures f = figures(user, region, year, month);
		return download(documents.xlsx(f, locale), XLSX, name(f) + ".xlsx");
	}

	@GetMapping("/admin/insight/export.pdf")
	ResponseEntity<byte[]> pdf(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String region,
			@RequestParam(required = false) String year, @RequestParam(required = false) String month, Locale locale) {
		CockpitFigures f = figures(user, region, year, month);
		return download(documents.pdf(f, locale), MediaType.APPLICATION_PDF, name(f) + ".pdf");
	}

	private static String name(CockpitFigures f) {
		return "insight-" + f.region() + "-" + (f.month() != null ? f.month() : String.valueOf(f.year()));
	}

	static ResponseEntity<byte[]> download(byte[] body, MediaType type, String fileName) {
		return ResponseEntity.ok().contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
	}
}
