/**
 * Insight (数据看板): the public dashboard and the staff cockpit. Its figures are aggregates
 * maintained from the other modules' events as records arrive (volunteers registered, teams founded,
 * activities held, service hours recorded, cases found and closed), never scanned per request; a
 * check recounts them from the raw records and reports any difference.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "account",
		"volunteer", "volunteer :: team", "activity", "ledger", "casework", "demo" })
package org.wenming.insight;
