/**
 * Honours (好人榜): good people nominated by anyone, vetted by the civilization office level by level
 * (town → county → city), shown to the public for a notice period with likes, comments and objections,
 * published on the city's roll for the quarter and picked by the province and the nation, and looked after
 * (礼遇帮扶); volunteer service brand projects and their awards beside them. Nothing about a nominee is
 * public without their recorded consent: every public read path reads {@code honor_public_entry} or
 * {@code honor_public_shortlist}, which hold that condition. The design is {@code docs/notes/honor.md}; the
 * schema is V53 (issue 18).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "account",
		"volunteer", "volunteer :: team", "ledger", "casework :: photo", "notification", "demo" })
@org.wenming.platform.ModuleTables(owns = { "honor_nomination", "honor_evidence", "honor_vetting", "honor_consent",
		"honor_notice", "honor_notice_entry", "honor_like", "honor_like_count", "honor_pow_spent", "honor_comment",
		"honor_objection", "honor_roll_entry", "honor_care_measure", "honor_care_grant", "honor_brand_project",
		"honor_award", "honor_award_document_event", "honor_reveal", "honor_notice_rate" }, publishes = { "honor_public_entry",
		"honor_public_shortlist" }, reads = { "published_region", "published_team", "published_practice_site",
		"published_volunteer" })
package org.wenming.honor;
