package org.wenming.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the {@code JdbcClient} for hot paths whose statements find rows by key (a check-in scan):
 * its small pool keeps one generic plan per statement and connection, so a statement is planned once per
 * connection. The main pool plans every statement anew for the scoped searches, whose best plan
 * depends on the bound scope; for a keyed nine-table lookup that planning cost more than running it.
 * Statements through it commit on their own (no Spring transaction spans them).
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD })
public @interface KeyLookups {
}
