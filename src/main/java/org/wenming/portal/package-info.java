/**
 * The public face (issue 19): the home page, the site map and the search over everything public, grouped by
 * kind — news, government services, activities, sites, teams, honours. The search depends on no capability
 * module: each publishes its public documents ({@code platform.search.PublicDocuments} and the
 * {@code PublicDocumentChanged}/{@code Removed} events) and the portal indexes them. The home page composes
 * the public root-package APIs of the modules it shows (none of them depends on the portal). The design is
 * {@code docs/notes/portal.md}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "newsroom",
		"activity", "honor", "insight", "catalogue" })
@org.wenming.platform.ModuleTables(owns = { "search_document" })
package org.wenming.portal;
