package org.wenming.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The tables a module owns and the views it publishes, on the module's {@code package-info}. A table
 * belongs to one module: only that module's SQL names it. Other modules read another module's data
 * through its Java API, a projection fed by its events, or one of its published views — read-only
 * views over its own tables, declared here by the owner and listed in {@link #reads()} by each module
 * that uses them. {@code TableOwnershipTest} reads every migration and every SQL string of the main
 * code and fails on anything else.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface ModuleTables {

	/** Tables (created by the migrations) that only this module reads and writes. */
	String[] owns() default {};

	/** Views over this module's tables that other modules may read (never write). */
	String[] publishes() default {};

	/** Other modules' published views this module reads. */
	String[] reads() default {};
}
