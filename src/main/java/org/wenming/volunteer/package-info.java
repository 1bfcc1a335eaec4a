/**
 * Volunteers and teams: real-name registration with protected personal data (encrypted, hashed,
 * masked; revealing needs a permission, a reason and leaves an audit record), the team hierarchy
 * and membership, search within a data scope, and bulk import and export.
 *
 * <p>Logins and the team leader's role come from {@link org.wenming.account.AccountDirectory}; regions
 * from {@code published_region} and the region module's API. Other modules join {@code
 * published_volunteer} (who a volunteer is, never their personal numbers) and {@code published_team},
 * or ask {@link org.wenming.volunteer.Volunteers} and {@link org.wenming.volunteer.team.Teams}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "account", "demo" })
@org.wenming.platform.ModuleTables(owns = { "volunteer", "volunteer_skill", "volunteer_history", "personal_data_access", "team", "team_leader",
		"team_member", "import_job", "volunteer_export" }, publishes = { "published_volunteer", "published_team" },
		reads = "published_region")
package org.wenming.volunteer;
