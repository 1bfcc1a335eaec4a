/**
 * The house every capability lives in: the database (embedded PostgreSQL unless a JDBC URL is
 * configured), the page layout and locale, error pages and RFC 9457 problem details, and the
 * start-up report on the console. It knows nothing of the domain.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.wenming.platform.ModuleTables(owns = "event_publication")
package org.wenming.platform;
