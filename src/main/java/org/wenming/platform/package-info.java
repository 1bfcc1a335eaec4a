/**
 * The house every capability lives in: the database (embedded PostgreSQL unless a JDBC URL is
 * configured), the page layout and locale, error pages and RFC 9457 problem details, and the
 * start-up report on the console, the sessions (in the database, so that any node serves them) and the
 * locks that let one node run each timed job. It knows nothing of the domain.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.wenming.platform.ModuleTables(owns = { "event_publication", "spring_session", "spring_session_attributes", "shedlock",
		"job_run" })
package org.wenming.platform;
