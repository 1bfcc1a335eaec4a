/**
 * The service-hours ledger (志愿服务记录): append-only, hash-chained service records credited from
 * confirmed attendance ({@link org.wenming.activity.AttendanceConfirmed}) or entered by staff,
 * corrections as compensating records, per-volunteer totals and star levels, chain verification,
 * and service certificates that anyone can verify.
 *
 * <p>Volunteer numbers and names on record lists come from {@code published_volunteer}; a volunteer's
 * full record (for certificates) from {@link org.wenming.volunteer.Volunteers}; attendance arrives as
 * {@link org.wenming.activity.AttendanceConfirmed}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "volunteer",
		"volunteer :: team", "activity", "demo" })
@org.wenming.platform.ModuleTables(owns = { "service_record", "ledger_head", "volunteer_hours", "volunteer_year_hours", "volunteer_day_hours", "volunteer_day_hours_default",
		"correction_request", "service_certificate", "service_certificate_hours", "ledger_tree_cursor", "ledger_tree",
		"ledger_tree_tile", "ledger_tree_head", "service_certificate_head", "service_certificate_line",
		"service_record_external" }, publishes = "published_service_record",
		reads = "published_volunteer")
package org.wenming.ledger;
