/**
 * The public face (issue 19): the search over everything public, grouped by kind — news, government
 * services, activities, sites, teams, honours — and, later, the home page and the site map. It depends on
 * no capability module: each publishes its public documents ({@code platform.search.PublicDocuments} and the
 * {@code PublicDocumentChanged}/{@code Removed} events) and the portal indexes them. The design is
 * {@code docs/notes/portal.md}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform" })
@org.wenming.platform.ModuleTables(owns = { "search_document" })
package org.wenming.portal;
