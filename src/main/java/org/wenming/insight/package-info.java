/**
 * Insight (数据看板): the public dashboard and the staff cockpit. Its figures are aggregates
 * maintained from the other modules' events as records arrive (volunteers registered, teams founded,
 * activities held, service hours recorded, cases found and closed), never scanned per request; a
 * check recounts them from the raw records and reports any difference.
 *
 * <p>The aggregates are projections fed by the other modules' events; the recount check reads the
 * published views of the records they count, and the top lists join {@code published_volunteer} for
 * consented names. The field assessment's latest round and trend come through
 * {@link org.wenming.assessment.AssessmentFigures}, never its tables; the service desk's orders through
 * {@link org.wenming.servicedesk.ServiceDeskFigures}; the roll of good people's counts through
 * {@link org.wenming.honor.HonorFigures}; the government-service catalogue's counts by scope tag through
 * {@link org.wenming.catalogue.CatalogueFigures}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "account",
		"volunteer", "volunteer :: team", "activity", "ledger", "casework", "assessment", "servicedesk", "honor", "catalogue", "demo" })
@org.wenming.platform.ModuleTables(owns = { "insight_cell", "insight_team_hours", "insight_site_cell", "insight_volunteer_hours", "insight_case_state",
		"insight_applied_event", "insight_check_run", "insight_province_figure" }, reads = { "published_region",
		"published_volunteer", "published_team", "published_activity", "published_service_record",
		"published_rectification_case" })
package org.wenming.insight;
