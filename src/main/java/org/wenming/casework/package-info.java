/**
 * Rectification casework (整改): problems found by inspectors' patrols, citizens' photos, the
 * hotline or staff, registered (立案), dispatched (派遣) to a responsible unit with a due time on the
 * working-day calendar, fixed with evidence, verified and closed (结案) or returned for rework (返工);
 * extensions and suspensions by approval, escalation (督办) when overdue, statistics and red/black
 * lists, and the Open311 GeoReport v2 API. Every transition publishes
 * {@link org.wenming.casework.CaseStatusChanged} for the dashboards.
 *
 * <p>Handlers' logins come from {@link org.wenming.account.AccountDirectory}; regions and sites from
 * their published views and the region module's API.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "account",
		"volunteer", "demo" })
@org.wenming.platform.ModuleTables(owns = { "case_category", "responsible_unit", "responsible_unit_member", "work_calendar_day", "open311_api_key",
		"rectification_case", "case_event", "case_event_default", "case_approval", "case_photo", "case_ranking_run", "case_ranking_entry",
		"open311_request", "case_statistics_cell", "report_rate_log", "open311_post_window" }, publishes = "published_rectification_case",
		reads = { "published_region", "published_practice_site" })
package org.wenming.casework;
