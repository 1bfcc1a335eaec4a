/**
 * Activities and attendance: activities of every kind (service, lecture, market, course, themed
 * campaign) with their shifts, sign-up that never overbooks (waitlist, approval), check-in and
 * check-out by rotating QR code or by staff, idempotent under retries. Confirming a shift's
 * attendance publishes {@link org.wenming.activity.AttendanceConfirmed}; the ledger credits hours
 * from it, this module never writes hours itself.
 *
 * <p>Rosters, listings and the check-in statement join the published views of regions, sites, teams
 * and volunteers; the teams a leader leads come from {@link
 * org.wenming.volunteer.team.Teams#ledTeamIds}. A shift may require qualifications ({@link
 * org.wenming.training.Qualification}); sign-up reads what the volunteer holds from the training module's
 * {@code published_training_qualification} in the statement it already runs.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "volunteer",
		"volunteer :: team", "training", "demo" })
@org.wenming.platform.ModuleTables(owns = { "activity", "shift", "signup", "signup_default", "attendance", "attendance_default", "check_request", "activity_notice",
		"activity_calendar_token" }, publishes = "published_activity", reads = { "published_region", "published_practice_site",
		"published_team", "published_volunteer",
		"published_training_qualification" })
package org.wenming.activity;
