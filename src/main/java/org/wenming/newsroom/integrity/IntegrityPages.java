package org.wenming.newsroom.integrity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.newsroom.LinkDomains;
import org.wenming.platform.PageController;
import org.wenming.shared.ScopedUser;

/**
 * The integrity sweep's staff page ({@code /admin/news/integrity}): whether a sweep runs, the last sweeps, the
 * findings of the latest finished one for the articles in the reader's scope (with their diffs), and "sweep now"
 * for the city's staff (the system administrator or a city-wide office, as for the link allowlist).
 */
@Controller
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
class IntegrityPages extends PageController {

	static final int SWEEPS = 10;

	static final int FINDINGS = 200;

	private final IntegritySweep sweep;

	private final JdbcClient jdbc;

	IntegrityPages(IntegritySweep sweep, JdbcClient jdbc) {
		this.sweep = sweep;
		this.jdbc = jdbc;
	}

	@GetMapping("/admin/news/integrity")
	ModelAndView page(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String done) {
		List<IntegrityViews.Sweep> sweeps = jdbc.sql("""
				select id, started_at, finished_at, started_by, articles, fetches, findings, alarms
				from news_integrity_sweep order by started_at desc, id desc limit :limit""")
			.param("limit", SWEEPS)
			.query((rs, n) -> new IntegrityViews.Sweep(rs.getLong(1), instant(rs, 2), instant(rs, 3), rs.getString(4),
					rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8)))
			.list();
		List<IntegrityViews.Finding> findings = jdbc.sql("""
				select a.number, a.title, f.version, f.identity, f.kind, f.cloaked, f.alarmed, f.detail, f.found_at
				from news_integrity_finding f join news_article a on a.id = f.article_id
				where f.sweep_id = (select max(id) from news_integrity_sweep where finished_at is not null)
				  and a.region_path >= :lower and a.region_path < :upper
				order by a.number, f.identity, f.kind limit :limit""")
			.param("lower", user.scope().lower()).param("upper", user.scope().upper()).param("limit", FINDINGS)
			.query((rs, n) -> new IntegrityViews.Finding(rs.getString(1), rs.getString(2), rs.getInt(3),
					rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getBoolean(7), rs.getString(8),
					instant(rs, 9)))
			.list();
		String d = done != null && done.matches("started|running") ? done : "";
		return new ModelAndView("newsroom/admin/integrity", Map.of("view", new IntegrityViews.Page(sweep.running(),
				sweeps, findings, LinkDomains.mayKeep(user), d)));
	}

	@PostMapping("/admin/news/integrity/sweep")
	String start(@AuthenticationPrincipal ScopedUser user) {
		if (!LinkDomains.mayKeep(user)) {
			throw new AccessDeniedException("a sweep is started by the city's staff");
		}
		return "redirect:/admin/news/integrity?done=" + (sweep.start(user.username()) ? "started" : "running");
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		var t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}
}
