/**
 * The service desk (群众点单、中心派单、志愿者接单、群众评单): residents order from the practice sites'
 * service menus or ask for what is not on them, the network accepts, passes up or dispatches each order
 * to a team on the working-day calendar's clocks, the team's volunteers take its places (the order
 * becomes an unlisted shift of the team, so check-in and the ledger credit the hours as for any shift),
 * and the resident rates the service. The design is {@code docs/notes/servicedesk.md}; the schema is
 * V46; the parts are being built on it (issue 17).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "account",
		"volunteer", "volunteer :: team", "activity", "casework :: photo", "casework :: calendar", "notification", "demo" })
@org.wenming.platform.ModuleTables(owns = { "service_category", "service_menu_item", "service_order",
		"service_order_event", "service_order_photo", "service_rating", "service_followup", "service_code",
		"service_stat_delta", "service_stat_cell", "service_stat_stage_cell", "service_stat_generation" },
		reads = { "published_practice_site", "published_team" })
package org.wenming.servicedesk;
