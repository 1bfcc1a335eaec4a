/**
 * Awards and commendations (表彰) in the volunteer's record (issue 22): who was commended (a volunteer or a
 * team), by whom (issuer and level: district or county, city, province, nation), for what, when, with an
 * optional document (a PDF checked by content). Staff of the offices record them for subjects in their region
 * scope; the volunteer sees their own, beside the honours' published good people linked to them (read from
 * {@code honor_public_entry}, which holds the nominee's consent: a withdrawal hides the entry here too), and
 * chooses whether their commendations appear on their certificates. The schema is V72.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "volunteer", "ledger", "demo" })
@org.wenming.platform.ModuleTables(owns = { "commendation", "commendation_choice" }, reads = { "published_volunteer",
		"published_team", "honor_public_entry" })
package org.wenming.commendation;
