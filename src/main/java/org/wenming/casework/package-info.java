/**
 * Rectification casework (整改): problems found by inspectors' patrols, citizens' photos, the
 * hotline or staff, registered (立案), dispatched (派遣) to a responsible unit with a due time on the
 * working-day calendar, fixed with evidence, verified and closed (结案) or returned for rework (返工);
 * extensions and suspensions by approval, escalation (督办) when overdue, statistics and red/black
 * lists, and the Open311 GeoReport v2 API. Every transition publishes
 * {@link org.wenming.casework.CaseStatusChanged} for the dashboards.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "account",
		"volunteer", "demo" })
package org.wenming.casework;
